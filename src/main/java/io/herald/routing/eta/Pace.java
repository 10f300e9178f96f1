package io.herald.routing.eta;

/**
 * One pace (travel or service) as the model believes it: the courier's factor on planned times has this mean and
 * variance. Kept as a plain factor rather than its logarithm because forecasts add times up, and a sum needs the
 * factor's mean whatever the shape of each leg's noise; a log-space estimate drifts with that shape.
 */
record Pace(double mean, double variance) {

	/** Five times faster than planned says more about a broken clock than about a courier. */
	private static final double FASTEST_BELIEVABLE_FACTOR = 0.2;

	/** E[f^2], which scales the variance of each leg's own noise. */
	double meanSquare() {
		return mean * mean + variance;
	}

	/**
	 * A Kalman step on actual = factor x planned + leg noise. The gain weighs the leg by how much it can tell: a long
	 * leg early in the day moves the pace a lot, a 30-second leg or one late in the day little. The drift keeps the
	 * gain from falling to zero, so that a pace that changes during the day is followed.
	 *
	 * @param cv the leg noise's coefficient of variation
	 * @param floor noise of the leg in seconds whatever its length
	 * @param driftCv change of the factor between two observations, relative to it
	 * @param outlierSigmas innovations beyond this many standard deviations are clipped
	 */
	Pace observe(double planned, double actual, double cv, double floor, double driftCv, double outlierSigmas) {
		double prior = variance + driftCv * driftCv * mean * mean;
		double noise = cv * cv * planned * planned * (mean * mean + prior) + floor * floor;
		double innovationVariance = planned * planned * prior + noise;
		if (!(innovationVariance > 0)) {
			return this;
		}
		double innovation = actual - mean * planned;
		// a customer kept waiting for ten minutes is not a slow courier: long delays count as unusual, not as pace
		double limit = outlierSigmas * Math.sqrt(innovationVariance);
		innovation = Math.max(-limit, Math.min(limit, innovation));
		double gain = prior * planned / innovationVariance;
		return new Pace(Math.max(FASTEST_BELIEVABLE_FACTOR, mean + gain * innovation), (1 - gain * planned) * prior);
	}

}
