import Detection
import Testing

@Suite struct CategoryMapTests {
    @Test func parsesCategoriesWithSubtypes() throws {
        let map = try CategoryMap(parsing: ["lorry": "vehicle/truck", "container": "container", "worker": "person"])
        #expect(map.mapping(for: "lorry") == CategoryMapping(.vehicle, label: "truck"))
        #expect(map.mapping(for: "container") == CategoryMapping(.container, label: "container"))
        #expect(map.mapping(for: "umbrella") == nil)
    }

    @Test func rejectsUnknownCategoriesByName() {
        #expect(throws: CategoryMapError.unknownCategory(label: "boat", value: "ship")) {
            try CategoryMap(parsing: ["boat": "ship"])
        }
    }

    @Test func strictMapMustNameOnlyModelLabels() throws {
        let map = try CategoryMap(parsing: ["truck": "vehicle", "container": "container"])
        #expect(throws: CategoryMapError.labelsNotInModel(["container"], model: "coco.names")) {
            try map.resolve(against: ["person", "car", "truck"], model: "coco.names", strict: true)
        }
        let resolved = try map.resolve(against: ["person", "car", "truck", "container"], model: "m", strict: true)
        #expect(resolved.map { $0?.category } == [nil, nil, .vehicle, .container])
    }

    @Test func cocoMapReportsVehiclesAndPeopleOnly() throws {
        let labels = ["person", "bicycle", "car", "motorbike", "aeroplane", "bus", "train", "truck"]
        let resolved = try CategoryMap.coco.resolve(against: labels, model: "coco.names", strict: false)
        #expect(resolved.compactMap { $0?.label } == ["person", "car", "motorcycle", "bus", "truck"])
    }
}
