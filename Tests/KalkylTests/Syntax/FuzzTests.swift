@testable import Kalkyl
import Testing

/// Random text never crashes the lexer, the parser or the checker: a fixed-seed stream of
/// fragments of the language and raw bytes, loaded as models.
@Suite struct FuzzTests {
    static let fragments = ["x", " ", "=", "\n", "(", ")", "[", "]", "month", "-1", "2021-04", "..", "\"", "#", "##",
                            "input ", "timeline monthly 2021-01 .. 2021-03\n", "dimension u = A, B\n", "SUM(", "IF(", ",",
                            "1_000", "1e5", ".5", "%", "^", "&", "<>", "<=", "check c: ", "scenario s \"S\" {", "}",
                            "PREV(x, 0)", "YTD(", "å", "ä", "\t", "\r\n", "#DIV/0!", "data \"f.csv\" wide key k", ":", "mnkr",
                            "actuals through 2021-02\n", "dimension v in u = C: A\n", "x[A, month-1]", "\u{FEFF}", "\u{0}"]

    @Test func randomModelsNeverCrash() {
        var state: UInt64 = 0x2545F4914F6CDD1D
        func next(_ n: Int) -> Int {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17
            return Int(state % UInt64(n))
        }
        for _ in 0..<3_000 {
            var text = ""
            for _ in 0..<(1 + next(40)) {
                if next(10) == 0 {
                    text += String(decoding: (0..<(1 + next(4))).map { _ in UInt8(next(256)) }, as: UTF8.self)
                } else {
                    text += Self.fragments[next(Self.fragments.count)]
                }
            }
            let loaded = ModelLoader.load(source: SourceFile(path: "fuzz.kalkyl", text: text))
            if let model = loaded.model, let order = loaded.order {
                Evaluation(model: model, order: order).evaluateAll()
            }
        }
    }
}
