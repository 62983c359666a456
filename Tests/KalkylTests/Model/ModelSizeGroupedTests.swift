@testable import Kalkyl
import Testing

/// `ModelSize.grouped`, the thousands a message prints: a negative number printed `-,220`
/// (the sign counted as a digit), so a sum below zero read wrongly.
@Suite struct ModelSizeGroupedTests {
    @Test(arguments: [
        (0.0, "0"), (7, "7"), (220, "220"), (1_000, "1,000"), (96_000_000_000, "96,000,000,000"), (1_234.6, "1,235"),
        (-7, "-7"), (-220, "-220"), (-1_000, "-1,000"), (-123_456, "-123,456"), (-1_234_567.4, "-1,234,567"), (-0.4, "0"),
    ])
    func groupsThousandsWithTheSignOutside(_ n: Double, _ printed: String) {
        #expect(ModelSize.grouped(n) == printed)
    }
}
