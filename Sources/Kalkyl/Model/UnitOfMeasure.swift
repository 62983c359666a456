/// What a number measures: kr, persons, FTE, kr per person, or a plain number.
///
/// A unit is a product of words with powers (`kr/persons` is kr¹·persons⁻¹), and for money a
/// scale: kr, tkr, mnkr and mdkr are one dimension, kr, at 10⁰, 10³, 10⁶ and 10⁹. `%` is a
/// plain number (46.15 % is 0.4615). Any other word a model declares is a unit of its own.
public struct UnitOfMeasure: Hashable, Sendable, CustomStringConvertible {
    /// Each word and its power; the money words are all `kr`.
    var powers: [String: Int]
    /// The power of ten of the money scale: tkr 3, mnkr 6, mdkr 9.
    var scale: Int

    static let plain = UnitOfMeasure(powers: [:], scale: 0)

    /// The money words and their scales.
    static let moneyScales: [String: Int] = ["kr": 0, "sek": 0, "SEK": 0, "tkr": 3, "mnkr": 6, "mkr": 6, "mdkr": 9]

    init(powers: [String: Int], scale: Int) {
        self.powers = powers.filter { $0.value != 0 }
        self.scale = self.powers["kr"] == nil ? 0 : scale
    }

    /// `kr`, `%`, `kr/persons`, `kr*h`: words joined by `/` and `*`.
    init?(declared text: String) {
        var powers: [String: Int] = [:]
        var scale = 0
        var sign = 1
        var word = ""
        func flush() -> Bool {
            guard !word.isEmpty else { return false }
            if word == "%" {
                // A per cent is a plain number.
            } else if let s = UnitOfMeasure.moneyScales[word] {
                powers["kr", default: 0] += sign
                scale += sign * s
            } else {
                powers[word, default: 0] += sign
            }
            word = ""
            return true
        }
        for c in text where c != " " {
            if c == "/" || c == "*" {
                guard flush() else { return nil }
                sign = c == "/" ? -1 : 1
            } else {
                word.append(c)
            }
        }
        guard flush() else { return nil }
        self.init(powers: powers, scale: scale)
    }

    static func * (a: UnitOfMeasure, b: UnitOfMeasure) -> UnitOfMeasure {
        UnitOfMeasure(powers: a.powers.merging(b.powers, uniquingKeysWith: +), scale: a.scale + b.scale)
    }

    static func / (a: UnitOfMeasure, b: UnitOfMeasure) -> UnitOfMeasure {
        a * UnitOfMeasure(powers: b.powers.mapValues { -$0 }, scale: -b.scale)
    }

    /// The unit to a whole power: kr^2, 1/persons; anything to the power 0 is a plain number.
    func raised(to n: Int) -> UnitOfMeasure {
        UnitOfMeasure(powers: powers.mapValues { $0 * n }, scale: scale * n)
    }

    /// The unit whose square this is (kr for kr^2), or nil when it is no square.
    var squareRoot: UnitOfMeasure? {
        guard powers.values.allSatisfy({ $0 % 2 == 0 }), scale % 2 == 0 else { return nil }
        return UnitOfMeasure(powers: powers.mapValues { $0 / 2 }, scale: scale / 2)
    }

    /// The same words with the same powers, perhaps at another scale (kr and mnkr).
    func sameDimension(as other: UnitOfMeasure) -> Bool { powers == other.powers }

    public var description: String {
        if powers.isEmpty { return "a plain number" }
        func word(_ w: String, _ power: Int) -> String {
            var name = w
            if w == "kr", abs(power) == 1, let scaled = ["kr": 0, "tkr": 3, "mnkr": 6, "mdkr": 9].first(where: { $0.value == scale * power })?.key { name = scaled }
            return abs(power) == 1 ? name : "\(name)^\(abs(power))"
        }
        let sorted = powers.sorted { ($0.key == "kr" ? "" : $0.key) < ($1.key == "kr" ? "" : $1.key) }
        let up = sorted.filter { $0.value > 0 }.map { word($0.key, $0.value) }
        let down = sorted.filter { $0.value < 0 }.map { word($0.key, $0.value) }
        return (up.isEmpty ? "1" : up.joined(separator: "*")) + down.map { "/" + $0 }.joined()
    }
}
