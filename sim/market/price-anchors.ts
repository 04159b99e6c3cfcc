// Price levels of the well-known tickers the simulator names, so that a holder's cost basis
// reads as real history. They are approximate closes around ANCHOR_DATE (rounded, from memory
// of public quotes, not market data); from there the simulated price wanders (price-path.ts).

/** The date the levels refer to. */
export const ANCHOR_DATE = '2025-06-30';

/** [level in quote units (pence for London), shares outstanding in millions (companies only)]. */
export const PRICE_ANCHORS: Record<string, readonly [level: number, sharesMillions?: number]> = {
  AAPL: [205, 14_900], MSFT: [495, 7_430], GOOGL: [176, 12_100], AMZN: [219, 10_600], NVDA: [158, 24_400],
  META: [738, 2_510], TSLA: [318, 3_220], 'BRK-B': [486, 2_160], JPM: [290, 2_780], V: [355, 1_950],
  JNJ: [153, 2_410], WMT: [98, 8_000], PG: [159, 2_340], MA: [562, 910], UNH: [312, 905],
  HD: [367, 995], DIS: [124, 1_800], BAC: [47.3, 7_530], XOM: [108, 4_310], PFE: [24.2, 5_690],
  KO: [70.7, 4_300], PEP: [132, 1_370], CSCO: [69.4, 3_960], ADBE: [387, 425], NFLX: [1_339, 426],
  CRM: [273, 956], ABT: [136, 1_740], TMO: [405, 377], COST: [990, 443], AVGO: [276, 4_700],
  ACN: [299, 626], MCD: [292, 715], NKE: [71, 1_480], LLY: [780, 897], DHR: [198, 716],
  TXN: [208, 908], NEE: [69.4, 2_060], ORCL: [219, 2_810], PM: [182, 1_560], QCOM: [159, 1_100],
  UNP: [230, 597], HON: [233, 643], LIN: [469, 470], AMGN: [279, 538], IBM: [295, 930],
  SBUX: [91.6, 1_140], CAT: [388, 471], GS: [708, 307], MS: [141, 1_600], BLK: [1_049, 155],
  AMT: [221, 468], GE: [257, 1_070], MMM: [152, 539], INTC: [22.4, 4_360], AMD: [142, 1_620],
  SPY: [617], QQQ: [551], VTI: [303], VOO: [567], IVV: [620], IWM: [216], DIA: [440], VEA: [57],
  VWO: [49], AGG: [99], BND: [73], GLD: [304], TLT: [88], XLK: [253], XLF: [52.3], XLE: [85], ARKK: [71],
  'VOD.L': [78, 25_300], 'HSBA.L': [880, 17_600], 'SHEL.L': [2_570, 6_000], 'AZN.L': [10_100, 1_550],
  'BP.L': [365, 15_900], 'ULVR.L': [4_440, 2_500], 'ASML.AS': [680, 393], 'ADYEN.AS': [1_560, 31.5],
  'MC.PA': [445, 500], 'OR.PA': [364, 534], 'SAP.DE': [258, 1_170], 'SIE.DE': [218, 790],
  'BMW.DE': [75, 620], 'ENI.MI': [13.7, 3_150], 'SAN.MC': [7, 14_900], 'NESN.SW': [79, 2_580],
  'NOVN.SW': [96, 1_980], '7203.T': [2_490, 13_000], '6758.T': [3_700, 6_000], 'RY.TO': [179, 1_410],
  'SHOP.TO': [157, 1_300], '0700.HK': [503, 9_200], '9988.HK': [110, 19_000],
  'VWRL.L': [118], 'ISF.L': [890], 'IWDA.AS': [98],
};
