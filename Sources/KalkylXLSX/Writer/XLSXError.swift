internal import CXlsxWriter

/// Why writing a workbook failed: every libxlsxwriter error, every argument the wrapper refuses,
/// every use of a closed workbook, and every file-system failure of an atomic write.
///
/// The wrapper never crashes and never lets libxlsxwriter write a broken file silently: what the
/// C library would accept but turn into an invalid workbook (a NaN, a control character in a
/// formula, a name it would truncate) is refused here with ``Kind/invalidArgument``.
public struct XLSXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The family of a failure.
    public enum Kind: Equatable, Sendable {
        /// libxlsxwriter returned this `lxw_error`; ``XLSXError/message`` is its own text.
        case library(Code)
        /// The workbook was already closed (successfully or not): its sheets and formats are freed.
        case closed
        /// The wrapper refused an argument before it reached libxlsxwriter.
        case invalidArgument
        /// A file-system call failed (creating, syncing or renaming a file); the message has `errno`'s text.
        case file
        /// libxlsxwriter could not be opened (it is loaded at the first workbook); the message
        /// names the file, the loader's reason and the package to install.
        case libraryUnavailable
    }

    /// A libxlsxwriter error number (`lxw_error`), named as in `common.h` without the `LXW_ERROR_` prefix.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public let rawValue: UInt32
        public init(rawValue: UInt32) { self.rawValue = rawValue }

        public static let memoryMallocFailed = Code(LXW_ERROR_MEMORY_MALLOC_FAILED)
        public static let creatingXLSXFile = Code(LXW_ERROR_CREATING_XLSX_FILE)
        public static let creatingTmpfile = Code(LXW_ERROR_CREATING_TMPFILE)
        public static let nullParameterIgnored = Code(LXW_ERROR_NULL_PARAMETER_IGNORED)
        public static let parameterValidation = Code(LXW_ERROR_PARAMETER_VALIDATION)
        public static let sheetnameLengthExceeded = Code(LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED)
        public static let invalidSheetnameCharacter = Code(LXW_ERROR_INVALID_SHEETNAME_CHARACTER)
        public static let sheetnameStartEndApostrophe = Code(LXW_ERROR_SHEETNAME_START_END_APOSTROPHE)
        public static let sheetnameAlreadyUsed = Code(LXW_ERROR_SHEETNAME_ALREADY_USED)
        public static let string128LengthExceeded = Code(LXW_ERROR_128_STRING_LENGTH_EXCEEDED)
        public static let maxStringLengthExceeded = Code(LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED)
        public static let worksheetIndexOutOfRange = Code(LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE)
        /// Writing the zip container failed: most often the disk is full or a file-size limit was met.
        public static let zipFileOperation = Code(LXW_ERROR_ZIP_FILE_OPERATION)
        public static let zipParameterError = Code(LXW_ERROR_ZIP_PARAMETER_ERROR)
        public static let zipBadZipFile = Code(LXW_ERROR_ZIP_BAD_ZIP_FILE)
        public static let zipInternalError = Code(LXW_ERROR_ZIP_INTERNAL_ERROR)
        public static let zipFileAdd = Code(LXW_ERROR_ZIP_FILE_ADD)
        public static let zipClose = Code(LXW_ERROR_ZIP_CLOSE)

        init(_ error: lxw_error) { self.rawValue = UInt32(error.rawValue) }

        /// libxlsxwriter's own description of the error (`lxw_strerror`).
        public var message: String {
            String(cString: lxw_strerror(lxw_error(rawValue: .init(rawValue))))
        }

        public var description: String { "lxw_error \(rawValue)" }
    }

    public let kind: Kind
    /// What was being done, e.g. `write number at Inputs!B1048577`.
    public let operation: String
    /// Why it failed: libxlsxwriter's message for ``Kind/library(_:)``, the wrapper's otherwise.
    public let message: String

    public init(_ kind: Kind, operation: String, message: String) {
        self.kind = kind
        self.operation = operation
        self.message = message
    }

    public var description: String { "\(operation): \(message)" }

    /// The libxlsxwriter error number, if libxlsxwriter reported this failure.
    public var code: Code? {
        if case .library(let code) = kind { return code }
        return nil
    }

    static func library(_ code: Code, _ operation: String) -> XLSXError {
        XLSXError(.library(code), operation: operation, message: code.message)
    }

    static func invalid(_ operation: String, _ message: String) -> XLSXError {
        XLSXError(.invalidArgument, operation: operation, message: message)
    }

    static func closed(_ operation: String) -> XLSXError {
        XLSXError(.closed, operation: operation, message: "the workbook is already closed; its sheets and formats no longer exist")
    }
}

/// Throws the Swift error for a libxlsxwriter result other than `LXW_NO_ERROR`.
func check(_ result: lxw_error, _ operation: @autoclosure () -> String) throws {
    guard result != LXW_NO_ERROR else { return }
    throw XLSXError.library(XLSXError.Code(result), operation())
}
