// The cryptocurrencies the simulator names.

/** Coins: [name, USD price level, circulating supply, max supply, launch day, website]. */
export const COINS: Record<string, [name: string, usd: number, supply: number, maxSupply: number | null, start: string, website: string]> = {
  BTC: ['Bitcoin', 85_000, 19_850_000, 21_000_000, '2010-07-13', 'https://bitcoin.org/'],
  ETH: ['Ethereum', 3_000, 120_700_000, null, '2015-08-07', 'https://www.ethereum.org/'],
  SOL: ['Solana', 150, 480_000_000, null, '2020-04-10', 'https://solana.com'],
  XRP: ['XRP', 2.2, 58_000_000_000, 100_000_000_000, '2013-08-04', 'https://xrpl.org/'],
  BNB: ['BNB', 600, 145_000_000, null, '2017-07-25', 'https://bnbchain.org/'],
  DOGE: ['Dogecoin', 0.17, 148_000_000_000, null, '2013-12-15', 'http://dogecoin.com/'],
  ADA: ['Cardano', 0.7, 35_000_000_000, 45_000_000_000, '2017-10-01', 'https://cardano.org/'],
  LTC: ['Litecoin', 90, 75_000_000, 84_000_000, '2013-04-28', 'https://litecoin.org/'],
};
