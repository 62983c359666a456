extension String {
    /// The text followed by spaces up to `width` characters, never cut. Foundation's
    /// `padding(toLength:withPad:startingAt:)` counts UTF-16 units and cuts a longer text, so
    /// widths counted in characters split an emoji or a decomposed `å` (two units, one
    /// character) in half: `kalkyl fmt` wrote the half back into the model, and a hover's
    /// member name ended in a lone surrogate.
    package func padded(toCharacters width: Int) -> String {
        let missing = width - count
        return missing > 0 ? self + String(repeating: " ", count: missing) : self
    }
}
