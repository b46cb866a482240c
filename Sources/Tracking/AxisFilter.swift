/// A constant-velocity Kalman filter along one axis: position, velocity (per second) and their 2x2
/// covariance.
struct AxisFilter: Sendable, Hashable {
    var position: Double
    var velocity: Double
    /// Covariance entries: position variance, position-velocity covariance, velocity variance.
    var pp: Double
    var pv: Double
    var vv: Double

    init(position: Double, positionSD: Double, velocitySD: Double) {
        self.position = position
        velocity = 0
        pp = positionSD * positionSD
        pv = 0
        vv = velocitySD * velocitySD
    }

    /// x ← F x, P ← F P Fᵀ + Q with F = [[1, dt], [0, 1]] and diagonal Q.
    mutating func predict(dt: Double, positionNoise: Double, velocityNoise: Double) {
        position += velocity * dt
        pp += 2 * dt * pv + dt * dt * vv + positionNoise
        pv += dt * vv
        vv += velocityNoise
    }

    /// Folds in a measured position with variance `measurementNoise` (H = [1, 0]).
    mutating func update(measured: Double, measurementNoise: Double) {
        let innovationVariance = pp + measurementNoise
        guard innovationVariance > 0 else { return }
        let gainPosition = pp / innovationVariance, gainVelocity = pv / innovationVariance
        let residual = measured - position
        position += gainPosition * residual
        velocity += gainVelocity * residual
        // Order matters: each line uses the prior pv / pp.
        vv -= gainVelocity * pv
        pv -= gainPosition * pv
        pp -= gainPosition * pp
    }
}
