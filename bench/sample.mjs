// Seeded samples, so every run and every engine looks at the same files.

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
export function random(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` distinct indices below `size`: the first `n` of one seeded shuffle, so a smaller sample is
 * part of a larger one. Sorted (file-list order, as tools meet files) unless `keepOrder` is false.
 */
export function seededSample(size, n, seed, { keepOrder = true } = {}) {
  const next = random(seed);
  const order = Array.from({ length: size }, (_, i) => i);
  const count = Math.min(n, size);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(next() * (size - i));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const picked = order.slice(0, count);
  return keepOrder ? picked.sort((a, b) => a - b) : picked;
}
