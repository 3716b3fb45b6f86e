// Figures the benchmark reports over repeated runs, defined once.

/** The median of `xs` (for an even count, the upper of the middle two: a measured value). */
export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
