import Pipeline

extension CameraConfig {
    /// What the camera's analyzer watches for: its zones, lines and gates.
    public var scene: SceneSettings {
        var scene = SceneSettings(camera: id)
        scene.zones = zones
        scene.lines = lines
        scene.gates = Set(gates)
        scene.lane = lane
        return scene
    }
}
