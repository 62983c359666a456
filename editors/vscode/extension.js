// The Kalkyl extension's client: starts `kalkyl lsp` for .kalkyl, .layout and data files and shows
// the explain lens's audit trail in an output channel.
const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration('kalkyl').get('path') || 'kalkyl';
  const explain = vscode.window.createOutputChannel('Kalkyl explain');
  context.subscriptions.push(explain);

  const serverOptions = { command, args: ['lsp'] };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'kalkyl' },
      { scheme: 'file', language: 'kalkyl-layout' },
      { scheme: 'untitled', language: 'kalkyl' },
      // Data files: a model open beside them reads their unsaved text.
      { scheme: 'file', pattern: '**/*.{csv,tsv,txt}' },
    ],
    middleware: {
      // The server answers kalkyl.explain with the audit trail as text: show it.
      executeCommand: async (name, args, next) => {
        const result = await next(name, args);
        if (name === 'kalkyl.explain' && typeof result === 'string') {
          explain.clear();
          explain.append(result);
          explain.show(true);
        }
        return result;
      },
    },
  };

  client = new LanguageClient('kalkyl', 'Kalkyl', serverOptions, clientOptions);
  client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
