import Kalkyl

/// What turns a file's byte offsets into editor positions: an open document's `LineIndex`, or
/// `FilePositions` for any other file.
protocol OffsetPositions {
    func position(of offset: Int) -> Position
}

extension LineIndex: OffsetPositions {}

/// Positions in a file that is not open in the editor (a data file a diagnostic points into),
/// found from the file's stretch of at most 32 lines around each place. A data file's
/// `SourceFile` is file-backed once checking is over: making a `LineIndex` of its `text` read
/// the whole file back, once per diagnostic, so a large file with many bad lines took time
/// quadratic in its size; a stretch is read back at most (a diagnostic's own is kept in memory).
struct FilePositions: OffsetPositions {
    let file: SourceFile

    /// In a file changed or gone since it was read, the first line of the place's stretch,
    /// column 0 (the place itself cannot be known).
    func position(of offset: Int) -> Position {
        guard let (line, before) = file.lineAndTextBefore(offset) else {
            return Position(line: file.lineAndColumn(of: offset).line - 1, character: 0)
        }
        return Position(line: line - 1, character: before.utf16.count)
    }
}
