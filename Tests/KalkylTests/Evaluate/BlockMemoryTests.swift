import Foundation
@testable import Kalkyl
import Testing

/// A large block in a mapping of its own (`BlockMemory`, what the command line asks for) holds
/// what the heap's would: zero when made, every cell as written, down to its last.
@Suite struct BlockMemoryTests {
    @Test(arguments: [262_144, 262_145, 393_217, 1_200_000])
    func aMappedBlockIsZeroAndKeepsEveryCell(count: Int) {
        let (cells, mapped) = BlockMemory.allocate(count, zeroed: true, mapsLarge: true)
        #expect(mapped)
        #expect(Int(bitPattern: cells) % 4096 == 0)
        #expect((0..<count).allSatisfy { cells[$0] == 0 })
        for i in 0..<count { cells[i] = Double(i) * 0.5 }
        #expect((0..<count).allSatisfy { cells[$0] == Double($0) * 0.5 })
        BlockMemory.release(cells, count: count, mapped: mapped)
    }

    @Test func aSmallBlockStaysOnTheHeap() {
        let count = BlockMemory.ownMappingFrom / MemoryLayout<Double>.stride - 1
        let (cells, mapped) = BlockMemory.allocate(count, zeroed: true, mapsLarge: true)
        #expect(!mapped)
        #expect((0..<count).allSatisfy { cells[$0] == 0 })
        BlockMemory.release(cells, count: count, mapped: mapped)
        let (large, heap) = BlockMemory.allocate(count * 2, zeroed: true, mapsLarge: false)
        #expect(!heap)
        BlockMemory.release(large, count: count * 2, mapped: heap)
    }
}
