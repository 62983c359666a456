@testable import Kalkyl
import Testing

/// A block counts the bytes of the texts it holds (`TextMemory`), whatever replaces them.
@Suite struct TextMemoryTests {
    /// The bytes the storage's texts really take.
    func held(_ s: CellStorage) -> Int { s.texts.values.reduce(0) { $0 + $1.utf8.count } }

    @Test func everyWriteKeepsTheCount() {
        let s = CellStorage(count: 8)
        s[0] = .text("Sjuksköterska")
        s[1] = .text(String(repeating: "a", count: 1_000))
        #expect(s.textBytes == held(s) && s.textBytes == 14 + 1_000)
        s[1] = .text("kort")
        #expect(s.textBytes == held(s))
        // Another kind of value in a text's cell drops the text (it used to stay, unseen).
        for (i, v) in [Value.number(1), .bool(true), .blank, .error(.value)].enumerated() {
            s[2 + i] = .text("text \(i)")
            s[2 + i] = v
            #expect(s[2 + i] == v)
        }
        #expect(s.texts.count == 2 && s.textBytes == held(s))

        let copy = CellStorage(count: 8)
        copy.copy(8, from: s, at: 0, to: 0)
        #expect(copy.textBytes == held(copy) && copy.textBytes == s.textBytes)

        let view = CellStorage(viewing: copy.numbers + 4, count: 4)
        view[0] = .text("i en vy")
        copy.adopt(view, at: 4)
        #expect(copy[4] == .text("i en vy") && copy.textBytes == held(copy))

        let operand = Destination(storage: copy, offset: 0)
        _ = operand.numbers(2)   // cells 0 and 1 receive numbers: their texts go
        #expect(copy.texts[0] == nil && copy.textBytes == held(copy))

        copy.setUniform(.number)
        #expect(copy.texts.isEmpty && copy.textBytes == 0)
    }
}
