/// `kalkyl check --format json`: for each model file, whether it checks and its checks hold,
/// its size when it checks, and every diagnostic (warnings and failing checks too) with its
/// code.
public struct CheckRunReport: Codable, Sendable {
    /// One model file's result.
    public struct Model: Codable, Sendable {
        /// The model file, as named.
        public var file: String
        /// The model checks and every check holds.
        public var ok: Bool
        /// The summary of a model that checks (nil, as `null`, for one with errors).
        public var definitions: Int?
        public var inputs: Int?
        public var series: Int?
        public var timeline: [String]?
        public var scenarios: [String]?
        public var checks: Int?
        public var diagnostics: [DiagnosticReport]

        /// Whether a file could not be read (the model's or a data file it names): the
        /// command line exits 3 for it, as for any file it cannot read.
        public var hasUnreadableFile: Bool {
            diagnostics.contains { $0.code == DiagnosticCode.unreadableModel.rawValue || $0.code == DiagnosticCode.unreadableDataFile.rawValue }
        }

        /// Loads, checks and evaluates the model at `path` and runs its checks.
        public init(path: String, sources: any SourceProvider = DiskSources()) {
            file = path
            let loaded: LoadedModel
            do {
                loaded = try ModelLoader.load(path: path, sources: sources)
            } catch {
                ok = false
                diagnostics = [DiagnosticReport(.error(error.description, at: nil, code: .unreadableModel))]
                return
            }
            var found = loaded.diagnostics
            if let model = loaded.model, let order = loaded.order, !loaded.hasErrors {
                let evaluation = Evaluation(model: model, order: order)
                evaluation.evaluateAll()
                let report = CheckReport(evaluation, file: path)
                definitions = report.definitions
                inputs = report.inputs
                series = report.series
                timeline = report.timeline
                scenarios = report.scenarios
                checks = report.checks
                found += report.diagnostics
                ok = report.passes
            } else {
                ok = false
            }
            diagnostics = found.map(DiagnosticReport.init)
        }

        enum CodingKeys: String, CodingKey {
            case file, ok, definitions, inputs, series, timeline, scenarios, checks, diagnostics
        }
    }

    public var models: [Model]

    public init(models: [Model]) { self.models = models }

    /// The JSON: one model a line-broken object, one diagnostic a line.
    public func json() -> String {
        (try? ReportEncoder(brokenPaths: ["", "models", "models/*", "models/*/diagnostics"]).encode(self)) ?? "{}\n"
    }
}
