import Foundation
import Testing

/// A real editor's client drives `kalkyl lsp` end to end: Neovim (headless, Debian's package,
/// `make test` installs it) with editors/neovim/kalkyl.lua opens a model, shows the server's
/// diagnostic, clears it after an unsaved edit of the buffer, and hovers a value.
@Suite struct NeovimTests {
    static let nvim: String? = ["/usr/bin/nvim", "/usr/local/bin/nvim", "/opt/homebrew/bin/nvim"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs in Neovim: writes what it saw, one line per fact, to $KALKYL_NVIM_OUT.
    static let script = """
    local out = {}
    local function say(s) table.insert(out, s) end
    local ok, err = pcall(function()
      vim.cmd('luafile ' .. os.getenv('KALKYL_NVIM_CONFIG'))
      vim.cmd('edit ' .. os.getenv('KALKYL_NVIM_MODEL'))
      say('filetype ' .. vim.bo.filetype)
      vim.wait(30000, function() return #vim.diagnostic.get(0) > 0 end, 50)
      for _, d in ipairs(vim.diagnostic.get(0)) do
        say(string.format('diagnostic %d:%d %s', d.lnum, d.col, (d.message:gsub('\\n', ' | '))))
      end
      local last = vim.api.nvim_buf_line_count(0)
      vim.api.nvim_buf_set_lines(0, last - 1, last, false, { 'årets_summa = SUM(employees)' })
      vim.wait(30000, function() return #vim.diagnostic.get(0) == 0 end, 50)
      say('diagnostics after the edit ' .. #vim.diagnostic.get(0))
      vim.api.nvim_win_set_cursor(0, { last, 19 })
      local results = vim.lsp.buf_request_sync(0, 'textDocument/hover', vim.lsp.util.make_position_params(), 30000) or {}
      for _, r in pairs(results) do
        if r.result and r.result.contents then say('hover ' .. (r.result.contents.value:gsub('\\n', ' | '))) end
      end
    end)
    if not ok then say('error ' .. tostring(err)) end
    local f = io.open(os.getenv('KALKYL_NVIM_OUT'), 'w')
    f:write(table.concat(out, '\\n') .. '\\n')
    f:close()
    vim.cmd('qa!')
    """

    @Test(.enabled(if: nvim != nil, "Neovim is not installed (make test installs Debian's neovim): skipped"))
    func neovimShowsDiagnosticsAndHoverOfTheUnsavedBuffer() throws {
        let model = try KalkylBinary.temporaryModel("""
        model "N"
        timeline monthly 2021-01 .. 2021-12

        input employees_start: persons = 137
        ## Antal anställda
        employees[month]: persons = PREV(employees, employees_start) + 1
        årets_summa = SUM(employes)

        """)
        let folder = URL(fileURLWithPath: model).deletingLastPathComponent()
        let script = folder.appendingPathComponent("drive.lua")
        try Self.script.write(to: script, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out.txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Self.nvim))
        process.arguments = ["--headless", "--clean", "-u", "NONE", "-c", "luafile \(script.path)"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = URL(fileURLWithPath: KalkylBinary.path).deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin")
        environment["KALKYL_NVIM_CONFIG"] = KalkylBinary.root.appendingPathComponent("editors/neovim/kalkyl.lua").path
        environment["KALKYL_NVIM_MODEL"] = model
        environment["KALKYL_NVIM_OUT"] = out.path
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        let lines = try String(contentsOf: out, encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.first == "filetype kalkyl", "\(lines)")
        // Neovim 0.7 turns the server's UTF-16 column (18) into bytes: "årets_summa = SUM(" is 19.
        #expect(lines.contains("diagnostic 6:19 unknown name 'employes' | hint: did you mean 'employees'?"), "\(lines)")
        #expect(lines.contains("diagnostics after the edit 0"), "\(lines)")
        let hover = try #require(lines.first { $0.hasPrefix("hover ") }, "\(lines)")
        #expect(hover.contains("**Antal anställda**"))
        // A headcount's year is its closing month, as `kalkyl eval` shows it (not 1 722, its months added up).
        #expect(hover.contains("2021-12  149"))
        #expect(hover.contains("2021     149") && !hover.contains("1 722"))
    }
}
