-- Kalkyl for Neovim (0.7 or later): .kalkyl and .layout files start `kalkyl lsp`.
-- Put this file in ~/.config/nvim/plugin/ (or `require` it from init.lua); `kalkyl` must be on PATH.
-- Hover with K (or :lua vim.lsp.buf.hover()), go to definition with gd after mapping it, format with
-- :lua vim.lsp.buf.format() (0.8+) or vim.lsp.buf.formatting() (0.7); inlay hints need 0.10+:
-- :lua vim.lsp.inlay_hint.enable(true).

-- Set outright: Neovim would otherwise guess `conf` from the # comments.
vim.cmd([[
  augroup kalkyl_filetype
    autocmd!
    autocmd BufRead,BufNewFile *.kalkyl set filetype=kalkyl
    autocmd BufRead,BufNewFile *.layout set filetype=kalkyl-layout
  augroup END
]])

-- The repository a file is in (the folder holding .git), or the file's folder.
local function root_of(path)
  local dir = vim.fn.fnamemodify(path, ':p:h')
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

local clients = {}

vim.api.nvim_create_autocmd('FileType', {
  pattern = { 'kalkyl', 'kalkyl-layout' },
  callback = function(args)
    vim.bo[args.buf].commentstring = '# %s'
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    local id = clients[root]
    if not id or not vim.lsp.get_client_by_id(id) then
      id = vim.lsp.start_client({
        name = 'kalkyl',
        cmd = { 'kalkyl', 'lsp' },
        root_dir = root,
      })
      clients[root] = id
    end
    if id then vim.lsp.buf_attach_client(args.buf, id) end
  end,
})
