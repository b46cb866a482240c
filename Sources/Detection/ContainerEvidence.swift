import PixelCore

/// Finding containers without a model that knows them. COCO models see the truck but not the
/// box on it; two kinds of evidence the daemon has turn into `container` detections:
/// - the cargo area of a truck that looks like a container's side: containers are corrugated,
///   so vertical edges outweigh horizontal ones there (on 7 measured truck boxes, containers
///   gave a ratio of 1.0 to 1.4, trucks without containers 0.65 to 0.75);
/// - a read ISO 6346 code: the region around it is a container.
public enum ContainerEvidence {
    /// Settings of the truck-cargo route.
    public struct Settings: Sendable, Equatable {
        /// The cargo area is the top part of the truck box, this share of its height.
        public var cargoHeight = 0.65
        /// The least ratio of vertical-edge to horizontal-edge strength that counts as corrugation.
        public var minimumCorrugation = 0.9
        /// Trucks scoring lower are not looked at.
        public var minimumTruckScore: Float = 0.3
        /// Cargo areas smaller than this on either side (pixels) are too small to judge.
        public var minimumSide = 24

        /// The defaults.
        public init() {}
    }

    /// Containers riding on the trucks among `detections`, judged from the pixels of `image`
    /// (BGR or grey, the frame the detections are in).
    public static func onTrucks(_ detections: [Detection], in image: ImageView, settings: Settings = Settings()) -> [Detection] {
        detections.compactMap { truck in
            guard truck.category == .vehicle, truck.label == "truck", truck.score >= settings.minimumTruckScore else { return nil }
            let cargo = Rect(x: truck.box.x, y: truck.box.y, width: truck.box.width,
                             height: Int(Double(truck.box.height) * settings.cargoHeight))
            guard cargo.width >= settings.minimumSide, cargo.height >= settings.minimumSide,
                  let ratio = corrugation(image, cargo), ratio >= settings.minimumCorrugation else { return nil }
            return Detection(category: .container, label: "container", score: truck.score, box: cargo, source: .truckCargo)
        }
    }

    /// The container around a code read at `codeBox` with `confidence`: the cargo area of a truck
    /// holding the code when there is one among `detections`, else the code's box grown by four
    /// text heights on every side (a container side is many times larger than its code).
    public static func aroundCode(_ codeBox: Rect, confidence: Double, detections: [Detection],
                                  frameWidth: Int, frameHeight: Int) -> Detection {
        let centreX = codeBox.x + codeBox.width / 2, centreY = codeBox.y + codeBox.height / 2
        let holder = detections.first {
            ($0.category == .container || ($0.category == .vehicle && $0.label == "truck"))
                && $0.box.x <= centreX && centreX < $0.box.maxX && $0.box.y <= centreY && centreY < $0.box.maxY
        }
        let box: Rect
        if let holder {
            box = holder.category == .container ? holder.box
                : Rect(x: holder.box.x, y: holder.box.y, width: holder.box.width, height: Int(Double(holder.box.height) * 0.65))
        } else {
            box = codeBox.padded(by: codeBox.height * 4, within: frameWidth, frameHeight)
        }
        return Detection(category: .container, label: "container", score: Float(confidence), box: box, source: .containerCode)
    }

    /// Mean |d/dx| over mean |d/dy| of the brightness in `area` (central differences, every second
    /// pixel and row); nil when the area is flat.
    static func corrugation(_ image: ImageView, _ area: Rect) -> Double? {
        let area = Rect(x: max(0, area.x), y: max(0, area.y), width: min(area.maxX, image.width) - max(0, area.x),
                        height: min(area.maxY, image.height) - max(0, area.y))
        guard area.width > 4, area.height > 4 else { return nil }
        let channels = image.channels
        func brightness(_ row: UnsafePointer<UInt8>, _ x: Int) -> Int {
            channels == 1 ? Int(row[x]) : (Int(row[x * 3]) + 2 * Int(row[x * 3 + 1]) + Int(row[x * 3 + 2])) >> 2
        }
        var dx = 0, dy = 0
        for y in stride(from: area.y + 1, to: area.maxY - 1, by: 2) {
            let above = image.row(y - 1), row = image.row(y), below = image.row(y + 1)
            for x in stride(from: area.x + 1, to: area.maxX - 1, by: 2) {
                dx += abs(brightness(row, x + 1) - brightness(row, x - 1))
                dy += abs(brightness(below, x) - brightness(above, x))
            }
        }
        return dy > 0 ? Double(dx) / Double(dy) : nil
    }
}
