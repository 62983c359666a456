import Foundation
import Synchronization
import KalkylXLSX
import Testing

/// Writing a workbook file: all or nothing, and the same bytes for the same workbook.
@Suite struct AtomicWriteTests {
    struct BuildFailed: Error {}

    /// A small workbook with every kind of cell, a format, a name and sheet settings.
    static func build(_ book: XLSXWorkbook) throws {
        let inputs = try book.addWorksheet("Inputs")
        let results = try book.addWorksheet("Result sheet")
        let money = try book.format(XLSXStyle(numberFormat: "#,##0", bold: true, fillColor: 0xDDEEFF, bottomBorder: .thin))
        try inputs.writeString("Lön", row: 0, column: 0)
        try inputs.writeNumber(36_650, row: 0, column: 1, format: money)
        try inputs.writeBoolean(true, row: 1, column: 1)
        try inputs.writeBlank(row: 2, column: 1, format: money)
        try book.defineName("salary", formula: "=Inputs!$B$1")
        try results.writeFormula("=salary*12", result: .number(439_800), row: 0, column: 0, format: money)
        try results.writeFormula("=1/0", result: .error(.divisionByZero), row: 1, column: 0)
        try results.setColumnWidth(0...3, width: 14)
        try results.setRowHeight(0, height: 20)
        try results.freezePanes(row: 1, column: 1)
    }

    @Test func theSameWorkbookWrittenTwiceHasTheSameBytes() throws {
        let scratch = try Scratch()
        let properties = XLSXDocumentProperties(title: "Länsteknik 2021", author: "Kalkyl")
        try XLSXWorkbook.write(to: scratch.path("one.xlsx"), properties: properties, Self.build)
        Thread.sleep(forTimeInterval: 1.1)  // a clock in the file would now differ
        try XLSXWorkbook.write(to: scratch.path("two.xlsx"), properties: properties, Self.build)
        let one = try #require(FileManager.default.contents(atPath: scratch.path("one.xlsx")))
        let two = try #require(FileManager.default.contents(atPath: scratch.path("two.xlsx")))
        #expect(one.count > 1000)
        #expect(one == two)
    }

    @Test func aDifferentCreationTimeChangesTheBytes() throws {
        let scratch = try Scratch()
        try XLSXWorkbook.write(to: scratch.path("one.xlsx"), Self.build)
        try XLSXWorkbook.write(to: scratch.path("two.xlsx"), properties: .init(created: Date(timeIntervalSince1970: 1_609_459_200)), Self.build)
        #expect(FileManager.default.contents(atPath: scratch.path("one.xlsx")) != FileManager.default.contents(atPath: scratch.path("two.xlsx")))
    }

    /// The path a signal handler removes is held in one buffer for every write, not in a copy
    /// made per write and never freed: the export fuzz harness's leak report (74 bytes an
    /// export, so a long `watch --export` grew). During the write the slot names the temporary
    /// file; after it the slot is empty.
    @Test func theTemporaryPathIsHeldInOneBufferForEveryWrite() throws {
        let scratch = try Scratch()
        var seen: [Int] = []
        for name in ["a.bin", "b.bin", "c.bin"] {
            try AtomicFile.write(to: scratch.path(name)) { temporary in
                let address = AtomicFile.unfinished.load(ordering: .acquiring)
                #expect(address != 0)
                #expect(String(cString: UnsafePointer<CChar>(bitPattern: address)!) == temporary)
                seen.append(address)
                FileManager.default.createFile(atPath: temporary, contents: Data([1]))
            }
            #expect(AtomicFile.unfinished.load(ordering: .acquiring) == 0)
        }
        #expect(Set(seen).count == 1)
    }

    /// Writes from several threads at once each find their own temporary file in the slot for
    /// the whole of their write: the slot is one, so writes take turns. Before they did, the
    /// test above failed when other tests wrote workbooks at the same time.
    @Test func writesAtTheSameTimeTakeTurnsWithTheSlot() throws {
        let scratch = try Scratch()
        let mismatches = Atomic<Int>(0)
        let paths = (0..<16).map { scratch.path("w\($0).bin") }
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            try? AtomicFile.write(to: paths[index]) { temporary in
                for _ in 0..<50 {
                    let address = AtomicFile.unfinished.load(ordering: .acquiring)
                    if address == 0 || String(cString: UnsafePointer<CChar>(bitPattern: address)!) != temporary {
                        mismatches.add(1, ordering: .relaxed)
                    }
                    usleep(100)
                }
                FileManager.default.createFile(atPath: temporary, contents: Data([UInt8(index)]))
            }
        }
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(try scratch.listing().count == 16)
    }

    @Test func aSuccessfulWriteReplacesTheFileAndLeavesNoTemporary() throws {
        let scratch = try Scratch()
        let target = scratch.path("board.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try XLSXWorkbook.write(to: target, Self.build)
        #expect(try scratch.listing() == ["board.xlsx"])
        #expect(FileManager.default.contents(atPath: target)?.starts(with: [0x50, 0x4B]) == true)
    }

    @Test func aFailingBuildLeavesTheOldFileAndNoTemporary() throws {
        let scratch = try Scratch()
        let target = scratch.path("board.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        #expect(throws: BuildFailed.self) {
            try XLSXWorkbook.write(to: target) { book in
                try Self.build(book)
                throw BuildFailed()
            }
        }
        #expect(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: target) { book in
                try book.addWorksheet("Data").writeNumber(.nan, row: 0, column: 0)
            }
        }
        #expect(try scratch.listing() == ["board.xlsx"])
        #expect(FileManager.default.contents(atPath: target) == Data("old".utf8))
    }

    @Test func aFailingWriteCreatesNothingWhenThereWasNoFile() throws {
        let scratch = try Scratch()
        #expect(throws: BuildFailed.self) {
            try XLSXWorkbook.write(to: scratch.path("board.xlsx")) { _ in throw BuildFailed() }
        }
        #expect(try scratch.listing() == [])
    }

    @Test func aFailingCloseLeavesTheOldFile() throws {
        let scratch = try Scratch()
        let target = scratch.path("board.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        // Closing inside the build makes the wrapper's own close fail, after a complete file was
        // written to the temporary path: the rename must still not happen.
        #expect(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: target) { book in
                try Self.build(book)
                try book.close()
            }
        }
        #expect(try scratch.listing() == ["board.xlsx"])
        #expect(FileManager.default.contents(atPath: target) == Data("old".utf8))
    }

    @Test func anUnwritableDirectoryThrowsAFileError() throws {
        let scratch = try Scratch()
        let error = #expect(throws: XLSXError.self) {
            try XLSXWorkbook.write(to: scratch.path("missing/board.xlsx"), Self.build)
        }
        #expect(error?.kind == .file)
        #expect(error?.message == "No such file or directory")
    }

    @Test func anExistingFilesPermissionsAreKept() throws {
        let scratch = try Scratch()
        let target = scratch.path("board.xlsx")
        try Data("old".utf8).write(to: URL(fileURLWithPath: target))
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: target)
        try XLSXWorkbook.write(to: target, Self.build)
        let permissions = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(permissions == 0o640)
    }

    @Test func atomicFileWorksForAnyWriter() throws {
        let scratch = try Scratch()
        let target = scratch.path("notes.txt")
        try AtomicFile.write(to: target) { temporary in
            #expect(temporary.hasPrefix(scratch.path(".notes.txt.tmp-")))
            #expect(FileManager.default.fileExists(atPath: temporary))
            try Data("hello".utf8).write(to: URL(fileURLWithPath: temporary))
        }
        #expect(FileManager.default.contents(atPath: target) == Data("hello".utf8))
    }
}
