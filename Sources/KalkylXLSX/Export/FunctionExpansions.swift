import Kalkyl

/// Kalkyl's functions that Excel does not have, printed as the Excel expressions that define
/// them (see `PeriodFunctions`, `VarianceFunctions` and `GrowthFunctions`), so the cell stays a live formula
/// that recalculates to Kalkyl's value.
///
/// The start month of TERTIAL, QUARTER and FISCAL_YEAR, and the sign of VARIANCE's line kind,
/// are numbers the checker wrote into the call, so each prints as the simplest expression for
/// its model: `INT((MONTH(F$4)+3)/4)` for a tertial of the calendar year.
extension FormulaCompiler {
    func expansion(of name: String, _ args: [Operand]) -> Operand? {
        func text(_ s: String) -> [Piece] { [.text(s)] }
        func atomic(_ pieces: [Piece]) -> Operand { Operand(pieces: pieces, precedence: Self.atomic) }
        /// A number the checker put in the call: the start month, or the kind's sign.
        func written(_ a: Operand) -> String? {
            guard a.pieces.count == 1, case .text(let s) = a.pieces[0] else { return nil }
            return s
        }
        /// `a-b`, with parentheses where Excel's precedence needs them.
        func difference(_ a: Operand, _ b: Operand) -> Operand {
            Operand(pieces: wrapped(a, below: 3) + text("-") + wrapped(b, below: 4), precedence: 3)
        }
        switch name {
        case "TERTIAL", "QUARTER":
            guard args.count == 2, let start = written(args[1]) else { return nil }
            let months = name == "TERTIAL" ? 4 : 3
            if start == "1" { return atomic(text("INT((MONTH(") + args[0].pieces + text(")+\(months - 1))/\(months))")) }
            return Operand(pieces: text("INT(MOD(MONTH(") + args[0].pieces + text(")-\(start),12)/\(months))+1"), precedence: 3)
        case "FISCAL_YEAR":
            guard args.count == 2, let start = written(args[1]) else { return nil }
            if start == "1" { return atomic(text("YEAR(") + args[0].pieces + text(")")) }
            return Operand(pieces: text("YEAR(") + args[0].pieces + text(")+(MONTH(") + args[0].pieces + text(")>=\(start))"), precedence: 3)
        case "VARIANCE":
            guard args.count == 3, let sign = written(args[2]) else { return nil }
            return sign == "-1" ? difference(args[1], args[0]) : difference(args[0], args[1])
        case "VARIANCE_PCT":
            guard args.count == 3, let sign = written(args[2]) else { return nil }
            let variance = sign == "-1" ? difference(args[1], args[0]) : difference(args[0], args[1])
            return atomic(text("IF(") + wrapped(args[1], below: 1) + text("=0,IF(") + wrapped(args[0], below: 1) + text("=0,0,#DIV/0!),")
                          + wrapped(variance, below: 4) + text("/ABS(") + args[1].pieces + text("))"))
        case "VARIANCE_EXCEEDS":
            guard args.count == 3 || args.count == 4 else { return nil }
            let size = text("ABS(") + difference(args[0], args[1]).pieces + text(")")
            let beyondPercent = size + text(">") + wrapped(args[2], below: 4) + text("*ABS(") + args[1].pieces + text(")")
            guard args.count == 4 else { return Operand(pieces: beyondPercent, precedence: 1) }
            return atomic(text("AND(") + size + text(">") + wrapped(args[3], below: 2) + text(",") + beyondPercent + text(")"))
        case "CHANGE_PCT":
            guard args.count == 2 else { return nil }
            let now = args[0], before = args[1]
            return atomic(text("IF(") + wrapped(now, below: 4) + text("*") + wrapped(before, below: 5) + text("<0,#NUM!,(")
                          + difference(now, before).pieces + text(")/") + wrapped(before, below: 5) + text(")"))
        case "INDEXED":
            guard args.count == 4 else { return nil }
            let (value, rate, from, date) = (args[0], args[1], args[2], args[3])
            let revisions = text("MAX(0,INT(((YEAR(") + date.pieces + text(")-YEAR(") + from.pieces + text("))*12+MONTH(") + date.pieces
                + text(")-MONTH(") + from.pieces + text("))/12)+1)")
            return Operand(pieces: wrapped(value, below: 4) + text("*(1+") + wrapped(rate, below: 4) + text(")^") + revisions, precedence: 4)
        default:
            return nil
        }
    }
}
