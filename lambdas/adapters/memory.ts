// Memory as the metrics report it, in MB.
export const rssMb = (): number => Math.round((process.memoryUsage().rss / 1024 / 1024) * 10) / 10;
/** Peak resident set size of this process so far (maxRSS is in kilobytes). */
export const peakRssMb = (): number => Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10;
