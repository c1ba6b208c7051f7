import Foundation
import GRDB

/// Builds the whole station R*Tree at once, packed, instead of inserting stations one by one.
///
/// SQLite's R*Tree inserts a row in about 10 µs (choosing a leaf, splitting, reinserting); for a
/// million stations that was most of an import. Sort-Tile-Recursive packing sorts the points into
/// tiles that fill each node, bottom up, in well under a second, and the tree it gives overlaps less,
/// so queries open fewer nodes too.
///
/// The nodes are written straight into the tables SQLite keeps the tree in (`station_rtree_node`,
/// `_rowid` and `_parent`), in the format `ext/rtree/rtree.c` documents and has kept since 2008: a node
/// is a blob of the tree's node size holding a 2-byte depth (read in the root only), a 2-byte cell
/// count, then cells of an 8-byte id and the box as 32-bit floats, all big-endian. `rtreecheck()`
/// verifies such a tree, and the tests run it.
enum StationRTree {
    /// A box of 32-bit floats, as the R*Tree stores it: (min, max) on x, y and z.
    struct Box {
        var min: SIMD3<Float>
        var max: SIMD3<Float>

        /// The box of a station at `position`: its point on the unit sphere (see ``NearestNeighbours``).
        init(_ position: Coordinate) {
            let point = NearestNeighbours.unitVector(position)
            self.init(point: SIMD3(point.x, point.y, point.z))
        }

        /// The smallest float box holding a point given in doubles (rounded outwards, as SQLite does).
        init(point: SIMD3<Double>) {
            min = SIMD3(Self.down(point.x), Self.down(point.y), Self.down(point.z))
            max = SIMD3(Self.up(point.x), Self.up(point.y), Self.up(point.z))
        }

        init(enclosing boxes: some Sequence<Box>) {
            min = SIMD3(repeating: .infinity)
            max = SIMD3(repeating: -.infinity)
            for box in boxes {
                min = pointwiseMin(min, box.min)
                max = pointwiseMax(max, box.max)
            }
        }

            private static func down(_ value: Double) -> Float {
            let rounded = Float(value)
            return Double(rounded) > value ? rounded.nextDown : rounded
        }

        private static func up(_ value: Double) -> Float {
            let rounded = Float(value)
            return Double(rounded) < value ? rounded.nextUp : rounded
        }
    }

    /// A cell: a station's `seq` in a leaf, else the index of a node of the level below.
    struct Cell {
        var id: Int64
        var box: Box
    }

    /// One level of the tree: its cells, and the range of cells each of its nodes holds.
    struct Level {
        var cells: [Cell]
        var nodes: [Range<Int>]
    }

    /// Every open station as a leaf cell.
    static func points(_ db: Database) throws -> [Cell] {
        var points: [Cell] = []
        // The same points as the `station_point` view, computed here rather than by SQL functions.
        let rows = try Row.fetchCursor(db, sql: "SELECT seq, lat, lon FROM station WHERE status = 'open' AND removed_at IS NULL")
        while let row = try rows.next() {
            points.append(Cell(id: row[0], box: Box(Coordinate(unchecked: row[1], row[2]))))
        }
        return points
    }

    /// The bytes of each of the tree's nodes, fixed when the table was created.
    static func nodeSize(_ db: Database) throws -> Int {
        let size = try Int.fetchOne(db, sql: "SELECT length(data) FROM station_rtree_node WHERE nodeno = 1") ?? 0
        guard (size - 4) / cellSize >= 8 else { throw StoreError.corrupt("the station R*Tree has nodes of \(size) bytes") }
        return size
    }

    /// A packed tree: its levels with their nodes numbered, and the rows of the tables of leaves and
    /// parents. Made without the database, so that it can be made on another thread while the
    /// connection does other work; the nodes' blobs are made as they are written.
    struct Packed: Sendable {
        var levels: [Level]
        /// The number of each level's first node, numbering from the root (1) down.
        var firstNumber: [Int64]
        var nodeSize: Int
        /// `station_rtree_rowid` and `_parent` rows, in key order.
        var rowids: [(Int64, Int64)] = []
        var parents: [(Int64, Int64)] = []

        /// The node's number, and the ids of its cells as stored: stations' `seq` in leaves, node numbers above.
        func node(_ index: Int, of level: Int) -> (number: Int64, ids: [Int64]) {
            let cells = levels[level].cells[levels[level].nodes[index]]
            return (firstNumber[level] + Int64(index), cells.map { level == 0 ? $0.id : firstNumber[level - 1] + $0.id })
        }
    }

    static func packed(_ points: [Cell], nodeSize: Int) -> Packed {
        // Nodes are filled to 40 % (20 of 51 cells): the locator scores every cell of each node it
        // opens, so smaller nodes mean fewer cells scored per query; and they stay above the third of
        // capacity under which SQLite dissolves a node after a deletion.
        let levels = packLevels(points, capacity: (nodeSize - 4) / cellSize * 2 / 5)
        var firstNumber = [Int64](repeating: 0, count: levels.count)
        var next: Int64 = 1
        for level in levels.indices.reversed() {
            firstNumber[level] = next
            next += Int64(levels[level].nodes.count)
        }
        var packed = Packed(levels: levels, firstNumber: firstNumber, nodeSize: nodeSize)
        var rowids: [(Int64, Int64)] = []
        var parents: [(Int64, Int64)] = []
        for level in levels.indices {
            for index in levels[level].nodes.indices {
                let (number, ids) = packed.node(index, of: level)
                for id in ids {
                    if level == 0 { rowids.append((id, number)) } else { parents.append((id, number)) }
                }
            }
        }
        // In key order, so both tables are appended to rather than written all over.
        packed.rowids = rowids.sorted { $0.0 < $1.0 }
        packed.parents = parents.sorted { $0.0 < $1.0 }
        return packed
    }

    /// The tree's levels, leaves first and the single root last.
    static func packLevels(_ points: [Cell], capacity: Int) -> [Level] {
        var cells = points
        var levels = [Level(cells: cells, nodes: pack(&cells, capacity: capacity))]
        levels[0].cells = cells
        while levels[levels.count - 1].nodes.count > 1 {
            let below = levels[levels.count - 1]
            var parents = below.nodes.enumerated().map { index, range in
                Cell(id: Int64(index), box: Box(enclosing: below.cells[range].lazy.map(\.box)))
            }
            let nodes = pack(&parents, capacity: capacity)
            levels.append(Level(cells: parents, nodes: nodes))
        }
        return levels
    }

    /// Orders cells into nodes of at most `capacity`, in place: sorted by x into slabs, each slab by
    /// y into runs, each run by z into nodes, so that each node covers a compact tile.
    private static func pack(_ cells: inout [Cell], capacity: Int) -> [Range<Int>] {
        guard cells.count > capacity else { return [0..<cells.count] }
        let nodeCount = (cells.count + capacity - 1) / capacity
        let perAxis = Int(pow(Double(nodeCount), 1.0 / 3).rounded(.up))
        var nodes: [Range<Int>] = []
        nodes.reserveCapacity(nodeCount)
        cells.withUnsafeMutableBufferPointer { all in
            sort(all, 0..<all.count, axis: 0)
            for slab in chunks(of: 0..<all.count, size: capacity * perAxis * perAxis) {
                sort(all, slab, axis: 1)
                for run in chunks(of: slab, size: capacity * perAxis) {
                    sort(all, run, axis: 2)
                    nodes += chunks(of: run, size: capacity)
                }
            }
        }
        return nodes
    }

    private static func sort(_ cells: UnsafeMutableBufferPointer<Cell>, _ range: Range<Int>, axis: Int) {
        // By the centre on the axis (twice it, which orders the same).
        func key(_ cell: Cell) -> Float { cell.box.min[axis] + cell.box.max[axis] }
        var slice = UnsafeMutableBufferPointer(rebasing: cells[range])
        slice.sort { key($0) < key($1) }
    }

    private static func chunks(of range: Range<Int>, size: Int) -> [Range<Int>] {
        stride(from: range.lowerBound, to: range.upperBound, by: size).map { $0..<min($0 + size, range.upperBound) }
    }

    /// Bytes per cell: the id and six 32-bit coordinates.
    private static let cellSize = 8 + 6 * 4

    /// Writes the three tables (the root is node 1, as SQLite requires).
    static func write(_ packed: Packed, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM station_rtree_node; DELETE FROM station_rtree_rowid; DELETE FROM station_rtree_parent")
        let insertNode = try db.makeStatement(sql: "INSERT INTO station_rtree_node (nodeno, data) VALUES (?, ?)")
        let depth = packed.levels.count - 1
        for (level, tree) in packed.levels.enumerated() {
            for (index, range) in tree.nodes.enumerated() {
                let (number, ids) = packed.node(index, of: level)
                let data = blob(tree.cells[range], ids: ids, depth: number == 1 ? depth : 0, size: packed.nodeSize)
                try insertNode.execute(arguments: [number, data])
            }
        }
        for (table, pairs) in [("station_rtree_rowid (rowid, nodeno)", packed.rowids), ("station_rtree_parent (nodeno, parentnode)", packed.parents)] {
            let insert = try db.makeStatement(sql: "INSERT INTO \(table) VALUES (?, ?)")
            for (key, node) in pairs {
                try insert.execute(binding: [key.databaseValue, node.databaseValue])
            }
        }
    }

    private static func blob(_ cells: ArraySlice<Cell>, ids: [Int64], depth: Int, size: Int) -> Data {
        var data = Data(count: size)
        data.withUnsafeMutableBytes { bytes in
            bytes.storeBytes(of: UInt16(depth).bigEndian, toByteOffset: 0, as: UInt16.self)
            bytes.storeBytes(of: UInt16(cells.count).bigEndian, toByteOffset: 2, as: UInt16.self)
            for (index, cell) in cells.enumerated() {
                var offset = 4 + index * cellSize
                bytes.storeBytes(of: ids[index].bigEndian, toByteOffset: offset, as: Int64.self)
                offset += 8
                for axis in 0..<3 {
                    for value in [cell.box.min[axis], cell.box.max[axis]] {
                        bytes.storeBytes(of: value.bitPattern.bigEndian, toByteOffset: offset, as: UInt32.self)
                        offset += 4
                    }
                }
            }
        }
        return data
    }
}
