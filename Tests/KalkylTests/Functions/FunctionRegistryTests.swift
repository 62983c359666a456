@testable import Kalkyl
import Testing

/// The functions' descriptions: parameters per argument, repeating groups, defaults, and the
/// rules every registered function keeps.
@Suite struct FunctionRegistryTests {
    func spec(_ name: String) throws -> FunctionSpec { try #require(FunctionRegistry.lookup(name)) }

    @Test func eachArgumentHasItsParametersKind() throws {
        let sumif = try spec("SUMIF")
        #expect(sumif.parameter(at: 0, of: 3)?.kind == .range)
        #expect(sumif.parameter(at: 1, of: 3)?.kind == .criterion)
        #expect(sumif.parameter(at: 2, of: 3)?.kind == .range)
        #expect(sumif.parameter(at: 3, of: 3) == nil)
        let sum = try spec("SUM")
        #expect(sum.parameter(at: 200, of: 201)?.kind == .array)
        #expect(try spec("ROUND").parameter(at: 1, of: 2)?.kind == .number)
    }

    @Test func repeatingGroupsCountWholeGroups() {
        let pairs = FunctionSpec("PAIRS", [.range("sum_range")], repeating: [.range("criteria_range"), .criterion("criteria")]) { _ in .blank }
        #expect(pairs.minArgs == 3 && pairs.maxArgs == 255)
        #expect(pairs.accepts(argumentCount: 3) && pairs.accepts(argumentCount: 5))
        #expect(!pairs.accepts(argumentCount: 2) && !pairs.accepts(argumentCount: 4) && !pairs.accepts(argumentCount: 257))
        #expect(pairs.parameter(at: 3, of: 5)?.name == "criteria_range" && pairs.parameter(at: 4, of: 5)?.kind == .criterion)
        #expect(pairs.arityDescription == "sum_range, then pairs of criteria_range and criteria")
        #expect(!pairs.splits(argument: 1, of: 3), "a range of a pair cannot become two arguments")

        let switchLike = FunctionSpec("CHOICE", [.value("expression")], repeating: [.value("value"), .value("result")],
                                      trailing: [.value("default").optional()]) { _ in .blank }
        #expect(switchLike.accepts(argumentCount: 3) && switchLike.accepts(argumentCount: 4) && switchLike.accepts(argumentCount: 5))
        #expect(!switchLike.accepts(argumentCount: 2))
        #expect(switchLike.parameter(at: 3, of: 4)?.name == "default")
        #expect(switchLike.parameter(at: 3, of: 5)?.name == "value")
        #expect(switchLike.parameter(at: 4, of: 5)?.name == "result")
    }

    @Test func leftOutOptionalArgumentsArriveAsTheirDefaults() throws {
        // IF without an else is FALSE; with an else left empty it is 0, as in Excel.
        #expect(try spec("IF").call([.value(.bool(false)), .value(.number(1))]) == .bool(false))
        #expect(try spec("IF").call([.value(.bool(false)), .value(.number(1)), .missing]) == .number(0))
        // SUMIF's sum range is its range when left out.
        let cells = Argument.range([.number(1), .number(5), .number(7)])
        #expect(try spec("SUMIF").call([cells, .value(.text(">2"))]) == .number(12))
        #expect(try spec("TRUNC").call([.value(.number(2.7))]) == .number(2))
        #expect(try spec("PMT").call([.value(.number(0)), .value(.number(4)), .value(.number(100))]) == .number(-25))
    }

    @Test func onlyParametersThatRepeatAloneSplitIntoSeveralAreas() throws {
        #expect(try spec("SUM").splits(argument: 0, of: 1))
        #expect(try spec("NPV").splits(argument: 1, of: 2))
        #expect(try !spec("NPV").splits(argument: 0, of: 2))
        #expect(try !spec("SUMIF").splits(argument: 0, of: 3))
    }

    /// A model's figures are a function of its files alone (see `FunctionSpec`), so no
    /// function reads the clock or a random source.
    @Test func noVolatileFunctions() {
        for name in ["NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY", "OFFSET", "INDIRECT", "CELL", "INFO"] {
            #expect(FunctionRegistry.lookup(name) == nil, "\(name) is volatile")
        }
    }

    @Test func everyDescriptionIsConsistent() {
        for spec in FunctionRegistry.all.values {
            #expect(spec.minArgs <= spec.maxArgs && spec.maxArgs <= 255, "\(spec.name)")
            #expect(spec.accepts(argumentCount: spec.minArgs), "\(spec.name)")
            for k in 0..<min(spec.maxArgs, 6) {
                #expect(spec.parameter(at: k, of: spec.maxArgs) != nil, "\(spec.name) argument \(k)")
            }
            if case .stored(let name) = spec.excel { #expect(name.hasPrefix("_xlfn."), "\(spec.name)") }
        }
    }

    /// The functions Excel added after 2007 that Kalkyl has, as Microsoft lists them in "Issue:
    /// An _xlfn. prefix is displayed in front of a formula": a workbook must store them with the
    /// prefix (Excel shows #NAME? for `IFNA(…)` written without it), and no other function may
    /// carry it. IFS, SWITCH, XLOOKUP, XMATCH, TEXTBEFORE and TEXTAFTER are written as older
    /// functions where they can be (their prefix is checked by the export tests).
    static let excelFutureFunctions: Set<String> = [
        "CEILING.MATH", "CEILING.PRECISE", "CONCAT", "DAYS", "FLOOR.MATH", "FLOOR.PRECISE", "IFNA", "IFS",
        "ISOWEEKNUM", "MAXIFS", "MINIFS", "MODE.SNGL", "PDURATION", "PERCENTILE.INC", "QUARTILE.INC", "RANK.EQ",
        "RRI", "STDEV.P", "STDEV.S", "SWITCH", "TEXTAFTER", "TEXTBEFORE", "TEXTJOIN", "VAR.P", "VAR.S", "XLOOKUP",
        "XMATCH", "XOR",
    ]

    @Test func functionsExcelAddedAfter2007AreStoredWithTheirPrefix() {
        for spec in FunctionRegistry.all.values {
            switch spec.excel {
            case .same: #expect(!Self.excelFutureFunctions.contains(spec.name), "\(spec.name) needs _xlfn.")
            case .stored(let stored):
                #expect(Self.excelFutureFunctions.contains(spec.name) && stored == "_xlfn." + spec.name, "\(spec.name): \(stored)")
            case .expression: break
            }
        }
    }

    /// How a result carries units is part of the description; the unit checker's own table
    /// holds only what the registry does not have (AS and the time functions it compiles).
    @Test func unitRulesAreInTheDescription() throws {
        #expect(try spec("SUM").units == .sameAs(nil))
        #expect(try spec("IF").units == .sameAs([1, 2]))
        #expect(try spec("ROUND").units == .sameAs([0]))
        #expect(try spec("COUNT").units == .plainNumber)
        #expect(try spec("TEXT").units == .text)
        // Parameters by name, wherever the call puts them: SWITCH's results and default,
        // SUMIF's sum_range or, left out, the range it defaults to.
        #expect(try UnitRules.positions(of: ["result", "default"], in: spec("SWITCH"), count: 4) == [2, 3])
        #expect(try UnitRules.positions(of: ["result", "default"], in: spec("SWITCH"), count: 5) == [2, 4])
        #expect(try UnitRules.positions(of: ["value_if_true"], in: spec("IFS"), count: 6) == [1, 3, 5])
        #expect(try UnitRules.positions(of: ["sum_range"], in: spec("SUMIF"), count: 3) == [2])
        #expect(try UnitRules.positions(of: ["sum_range"], in: spec("SUMIF"), count: 2) == [0])
        for name in UnitRules.compiledForms.keys {
            #expect(FunctionRegistry.lookup(name) == nil, "\(name) is registered; its unit rule belongs in its FunctionSpec")
            #expect(name == "AS" || FunctionRegistry.timeFunctions[name] != nil, "\(name)")
        }
        #expect(UnitRules.rule("round", argumentCount: 2) == .sameAs([0]))
    }
}
