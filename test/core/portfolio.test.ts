import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../lambdas/core/errors.js';
import {
  MAX_HOLDINGS,
  mergeHoldings,
  normaliseCurrency,
  normaliseTicker,
  parseExecutionInput,
  parsePortfolioFile,
  validateSessionId,
} from '../../lambdas/core/input/portfolio.js';

/** The InvalidInputError that `fn` throws (fails the test when it does not throw one). */
function invalidInput(fn: () => unknown): InvalidInputError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).name).toBe('InvalidInput');
    return error as InvalidInputError;
  }
  throw new Error('expected an InvalidInputError');
}

describe('parsePortfolioFile: CSV', () => {
  it('reads the standard header with every column', () => {
    const csv = [
      'ticker,shares,cost_basis,currency,name',
      'AAPL,10,150.25,USD,Apple Inc.',
      'BRK-B,2.5,320,usd,"Berkshire Hathaway Inc., Class B"',
      'VOD.L,100,0.72,GBp,Vodafone',
      '7203.T,10,2500,jpy,Toyota',
    ].join('\n');
    expect(parsePortfolioFile('portfolio.csv', csv)).toEqual([
      { ticker: 'AAPL', name: 'Apple Inc.', shares: 10, costBasis: 150.25, currency: 'USD' },
      { ticker: 'BRK-B', name: 'Berkshire Hathaway Inc., Class B', shares: 2.5, costBasis: 320, currency: 'USD' },
      { ticker: 'VOD.L', name: 'Vodafone', shares: 100, costBasis: 0.72, currency: 'GBp' },
      { ticker: '7203.T', name: 'Toyota', shares: 10, costBasis: 2500, currency: 'JPY' },
    ]);
  });

  it('handles BOM, CRLF, blank lines, empty-field lines, padding and case-insensitive headers in any order', () => {
    const csv = '\uFEFF Name , TICKER ,Quantity,Cost Basis\r\n\r\nApple, aapl ,3,100\r\n,,,\r\n   \r\nMicrosoft,msft,,\r\n';
    expect(parsePortfolioFile('p.CSV', csv)).toEqual([
      { ticker: 'AAPL', name: 'Apple', shares: 3, costBasis: 100 },
      { ticker: 'MSFT', name: 'Microsoft' },
    ]);
  });

  it('accepts symbol / costBasis aliases and ignores unknown columns', () => {
    const csv = 'Symbol,costBasis,sector,shares\n^GSPC,,Index,\neurusd=x,1.08,FX,1000\nbtc-usd,30000,Crypto,0.5\n';
    expect(parsePortfolioFile('p.csv', csv)).toEqual([
      { ticker: '^GSPC' },
      { ticker: 'EURUSD=X', costBasis: 1.08, shares: 1000 },
      { ticker: 'BTC-USD', costBasis: 30000, shares: 0.5 },
    ]);
  });

  it('reads the original FinWiz Name,Ticker,Currency file and strips YAHOO: prefixes in any case', () => {
    const csv = 'Name,Ticker,Currency\nApple Inc.,YAHOO:AAPL,USD\nMicrosoft,yahoo:msft,USD\nASML,Yahoo: ASML.AS,EUR\nNVIDIA,NVDA,USD\n';
    expect(parsePortfolioFile('finwiz.csv', csv)).toEqual([
      { ticker: 'AAPL', name: 'Apple Inc.', currency: 'USD' },
      { ticker: 'MSFT', name: 'Microsoft', currency: 'USD' },
      { ticker: 'ASML.AS', name: 'ASML', currency: 'EUR' },
      { ticker: 'NVDA', name: 'NVIDIA', currency: 'USD' },
    ]);
  });

  it('ignores trailing empty fields that spreadsheets add', () => {
    expect(parsePortfolioFile('p.csv', 'ticker,shares\nAAPL,1,,\n')).toEqual([{ ticker: 'AAPL', shares: 1 }]);
  });

  it('accepts rows shorter than the header', () => {
    expect(parsePortfolioFile('p.csv', 'ticker,shares,currency\nAAPL\nMSFT,2\n')).toEqual([
      { ticker: 'AAPL' },
      { ticker: 'MSFT', shares: 2 },
    ]);
  });
});

describe('parsePortfolioFile: JSON', () => {
  const expected = [
    { ticker: 'AAPL', name: 'Apple', shares: 10, costBasis: 150.25, currency: 'USD' },
    { ticker: 'MSFT', shares: 5, costBasis: 300 },
  ];

  it('reads an array of holdings', () => {
    const json = JSON.stringify([
      { ticker: 'aapl', shares: 10, costBasis: 150.25, currency: 'usd', name: 'Apple' },
      { ticker: 'MSFT', shares: 5, cost_basis: 300 },
    ]);
    expect(parsePortfolioFile('portfolio.json', json)).toEqual(expected);
  });

  it('reads {"holdings": [...]} with a BOM, null fields and unknown keys', () => {
    const json =
      '\uFEFF' +
      JSON.stringify({
        owner: 'me',
        holdings: [
          { ticker: 'YAHOO:AAPL', shares: '10', costBasis: 150.25, currency: 'USD', name: ' Apple ', sector: 'Tech' },
          { symbol: 'MSFT', shares: 5, cost_basis: 300, currency: null, name: null },
        ],
      });
    expect(parsePortfolioFile('p.JSON', json)).toEqual(expected);
  });
});

describe('normalisation', () => {
  it.each([
    ['aapl', 'AAPL'],
    ['  brk-b ', 'BRK-B'],
    ['brk.b', 'BRK.B'],
    ['^gspc', '^GSPC'],
    ['eurusd=x', 'EURUSD=X'],
    ['btc-usd', 'BTC-USD'],
    ['7203.t', '7203.T'],
    ['vod.l', 'VOD.L'],
    ['YAHOO:aapl', 'AAPL'],
    ['yahoo:VOD.L', 'VOD.L'],
    ['gc=f', 'GC=F'],
  ])('ticker %j -> %j', (raw, ticker) => {
    expect(normaliseTicker(raw)).toBe(ticker);
  });

  it.each(['', ' ', 'AA PL', 'AAPL/US', '"AAPL"', "O'NEIL", '.AAPL', '-X', '^', '^^GSPC', 'NASDAQ:AAPL', 'ABCDEFGHIJKLMNOP', 'AA\nPL'])(
    'rejects ticker %j',
    (raw) => {
      expect(normaliseTicker(raw)).toBeUndefined();
    },
  );

  it.each([
    ['usd', 'USD'],
    ['USD', 'USD'],
    ['Eur', 'EUR'],
    ['GBp', 'GBp'],
    ['ZAc', 'ZAc'],
    ['ILA', 'ILA'],
  ])('currency %j -> %j', (raw, code) => {
    expect(normaliseCurrency(raw)).toBe(code);
  });

  it.each(['US', 'USDT', 'US$', '$', '12A'])('rejects currency %j', (raw) => {
    expect(normaliseCurrency(raw)).toBeUndefined();
  });
});

describe('duplicates', () => {
  it('merges a ticker listed twice: shares added, share-weighted cost, first name and currency', () => {
    const csv = 'ticker,shares,cost_basis,currency,name\nAAPL,10,150,USD,Apple\nMSFT,1,300,USD,Microsoft\naapl,5,180,EUR,Apple again\n';
    expect(parsePortfolioFile('p.csv', csv)).toEqual([
      { ticker: 'AAPL', name: 'Apple', shares: 15, costBasis: 160, currency: 'USD' },
      { ticker: 'MSFT', name: 'Microsoft', shares: 1, costBasis: 300, currency: 'USD' },
    ]);
  });

  it('merges YAHOO:-prefixed and plain spellings of one ticker', () => {
    expect(parsePortfolioFile('p.csv', 'Name,Ticker,Currency\nApple,YAHOO:AAPL,USD\nApple Inc,AAPL,USD\n')).toEqual([
      { ticker: 'AAPL', name: 'Apple', currency: 'USD' },
    ]);
  });

  it('keeps the same cost basis when both are equal, and merges three times', () => {
    const holdings = parsePortfolioFile('p.json', JSON.stringify([
      { ticker: 'X', shares: 1, costBasis: 10 },
      { ticker: 'X', shares: 2, costBasis: 10 },
      { ticker: 'X', shares: 3, costBasis: 20 },
    ]));
    expect(holdings).toHaveLength(1);
    expect(holdings[0]?.shares).toBe(6);
    expect(holdings[0]?.costBasis).toBeCloseTo(15, 6);
  });

  it('mergeHoldings: unknown shares or costs', () => {
    expect(mergeHoldings({ ticker: 'A' }, { ticker: 'A', name: 'second' })).toEqual({ ticker: 'A', name: 'second' });
    expect(mergeHoldings({ ticker: 'A', shares: 3, costBasis: 5 }, { ticker: 'A' })).toEqual({ ticker: 'A', shares: 3, costBasis: 5 });
    expect(mergeHoldings({ ticker: 'A' }, { ticker: 'A', shares: 4, costBasis: 6 })).toEqual({ ticker: 'A', shares: 4, costBasis: 6 });
    // Both have shares but only one a cost: the average is unknown.
    expect(mergeHoldings({ ticker: 'A', shares: 3, costBasis: 5 }, { ticker: 'A', shares: 2 })).toEqual({ ticker: 'A', shares: 5 });
    // ... unless the position without a cost has no shares.
    expect(mergeHoldings({ ticker: 'A', shares: 3, costBasis: 5 }, { ticker: 'A', shares: 0 })).toEqual({ ticker: 'A', shares: 3, costBasis: 5 });
    expect(mergeHoldings({ ticker: 'A', shares: 0, costBasis: 5 }, { ticker: 'A', shares: 0, costBasis: 7 })).toEqual({ ticker: 'A', shares: 0, costBasis: 5 });
    expect(mergeHoldings({ ticker: 'A', shares: 0.1 }, { ticker: 'A', shares: 0.2 }).shares).toBe(0.3);
  });
});

describe('invalid portfolio files', () => {
  it('rejects an unknown format', () => {
    const error = invalidInput(() => parsePortfolioFile('portfolio.xlsx', 'ticker\nAAPL\n'));
    expect(error.message).toContain('portfolio.xlsx');
    expect(error.message).toContain('unknown format');
    invalidInput(() => parsePortfolioFile('portfolio', 'ticker\nAAPL\n'));
  });

  it('rejects a CSV without a ticker column, naming line 1 and what it found', () => {
    const error = invalidInput(() => parsePortfolioFile('p.csv', 'name,shares\nApple,10\n'));
    expect(error.message).toContain('p.csv line 1');
    expect(error.message).toContain('no "ticker" column');
    expect(error.message).toContain('"name", "shares"');
  });

  it('hints at the separator when the header is not comma-separated', () => {
    expect(invalidInput(() => parsePortfolioFile('p.csv', 'ticker;shares\nAAPL;10\n')).message).toContain('comma-separated');
  });

  it('rejects a CSV without a header (the first row is taken as the header)', () => {
    expect(invalidInput(() => parsePortfolioFile('p.csv', 'AAPL,10\nMSFT,5\n')).message).toContain('no "ticker" column');
  });

  it('rejects two columns that give the same field', () => {
    const error = invalidInput(() => parsePortfolioFile('p.csv', 'ticker,symbol\nAAPL,AAPL\n'));
    expect(error.message).toContain('"ticker" and "symbol" both give the ticker');
  });

  it.each([
    ['an empty CSV', 'p.csv', ''],
    ['a blank CSV', 'p.csv', '\uFEFF\r\n\r\n'],
    ['an empty JSON', 'p.json', ''],
  ])('rejects %s', (_label, name, content) => {
    expect(invalidInput(() => parsePortfolioFile(name, content)).message).toMatch(/is empty/);
  });

  it('rejects a portfolio with a header but no holdings', () => {
    expect(invalidInput(() => parsePortfolioFile('p.csv', 'ticker,shares\n')).message).toBe('p.csv contains no holdings');
    expect(invalidInput(() => parsePortfolioFile('p.json', '[]')).message).toBe('p.json contains no holdings');
    expect(invalidInput(() => parsePortfolioFile('p.json', '{"holdings":[]}')).message).toBe('p.json contains no holdings');
  });

  it('rejects malformed CSV with the line', () => {
    const error = invalidInput(() => parsePortfolioFile('p.csv', 'ticker,name\nAAPL,Apple\nMSFT,"Microsoft\n'));
    expect(error.message).toMatch(/^p\.csv line 3: cannot be read as CSV/);
  });

  it('rejects malformed JSON and JSON of the wrong shape', () => {
    expect(invalidInput(() => parsePortfolioFile('p.json', '{"holdings": [')).message).toContain('p.json is not valid JSON');
    expect(invalidInput(() => parsePortfolioFile('p.json', '{"positions": []}')).message).toContain('"holdings" array');
    expect(invalidInput(() => parsePortfolioFile('p.json', '"AAPL"')).message).toContain('"holdings" array');
  });

  it.each([
    ['negative shares', 'AAPL,-3,1', 'portfolio.csv line 2: shares "-3" must be a non-negative number'],
    ['non-numeric shares', 'AAPL,ten,1', 'portfolio.csv line 2: shares "ten" must be a non-negative number'],
    ['shares with trailing text', 'AAPL,10abc,1', 'portfolio.csv line 2: shares "10abc" must be a non-negative number'],
    ['negative cost basis', 'AAPL,3,-1.5', 'portfolio.csv line 2: cost_basis "-1.5" must be a non-negative number'],
    ['non-numeric cost basis', 'AAPL,3,$150', 'portfolio.csv line 2: cost_basis "$150" must be a non-negative number'],
    ['infinite cost basis', 'AAPL,3,Infinity', 'portfolio.csv line 2: cost_basis "Infinity" must be a non-negative number'],
    ['a ticker with a space', 'AA PL,1,1', 'portfolio.csv line 2: ticker "AA PL" is not a valid ticker'],
    ['a ticker with a slash', 'AAPL/US,1,1', 'portfolio.csv line 2: ticker "AAPL/US" is not a valid ticker'],
    ['a quoted ticker', '"""AAPL""",1,1', 'portfolio.csv line 2: ticker "\\"AAPL\\"" is not a valid ticker'],
    ['an empty ticker', ',1,1', 'portfolio.csv line 2: ticker is empty'],
    ['a bad currency', 'AAPL,1,1,US$', 'portfolio.csv line 2: currency "US$" must be a 3-letter currency code'],
    ['an unquoted comma', 'AAPL,1,1,USD,Apple, Inc.', 'portfolio.csv line 2: has 6 fields but the header has 5'],
  ])('CSV: %s names the line and the field', (_label, row, expected) => {
    const csv = `ticker,shares,cost_basis,currency,name\n${row}\n`;
    expect(invalidInput(() => parsePortfolioFile('portfolio.csv', csv)).message).toContain(expected);
  });

  it('counts the header as line 1 and blank and multi-line rows in the line numbers', () => {
    const csv = 'ticker,shares,name\nAAPL,1,Apple\n\nMSFT,2,"Micro\nsoft"\nGOOG,-3,Alphabet\n';
    expect(invalidInput(() => parsePortfolioFile('portfolio.csv', csv)).message).toBe(
      'portfolio.csv line 6: shares "-3" must be a non-negative number',
    );
  });

  it('names the first line of a bad row that spans several lines', () => {
    const csv = 'ticker,shares,name\nAAPL,1,Apple\nMSFT,-2,"Micro\r\nsoft\nCorp"\nGOOG,1,Alphabet\n';
    expect(invalidInput(() => parsePortfolioFile('portfolio.csv', csv)).message).toBe(
      'portfolio.csv line 3: shares "-2" must be a non-negative number',
    );
  });

  it.each([
    ['negative shares', { ticker: 'AAPL', shares: -3 }, 'p.json holdings[1]: shares -3 must be a non-negative number'],
    ['string shares', { ticker: 'AAPL', shares: 'ten' }, 'p.json holdings[1]: shares "ten" must be a non-negative number'],
    ['boolean shares', { ticker: 'AAPL', shares: true }, 'p.json holdings[1]: shares true must be a non-negative number'],
    ['negative costBasis', { ticker: 'AAPL', costBasis: -1 }, 'p.json holdings[1]: costBasis -1 must be a non-negative number'],
    ['negative cost_basis', { ticker: 'AAPL', cost_basis: -1 }, 'p.json holdings[1]: cost_basis -1 must be a non-negative number'],
    ['missing ticker', { shares: 1 }, 'p.json holdings[1]: ticker is empty'],
    ['non-string ticker', { ticker: ['AAPL'] }, 'p.json holdings[1]: ticker ["AAPL"] must be a string'],
    ['invalid ticker', { ticker: 'A/B' }, 'p.json holdings[1]: ticker "A/B" is not a valid ticker'],
    ['bad currency', { ticker: 'AAPL', currency: 'dollars' }, 'p.json holdings[1]: currency "dollars" must be a 3-letter currency code'],
    ['non-string name', { ticker: 'AAPL', name: 5 }, 'p.json holdings[1]: name 5 must be a string'],
    ['both cost keys', { ticker: 'AAPL', costBasis: 1, cost_basis: 2 }, 'p.json holdings[1]: has both "costBasis" and "cost_basis"'],
    ['not an object', 'AAPL', 'p.json holdings[1]: must be an object with a "ticker"'],
  ])('JSON: %s names the index and the field', (_label, bad, expected) => {
    const json = JSON.stringify({ holdings: [{ ticker: 'MSFT' }, bad] });
    expect(invalidInput(() => parsePortfolioFile('p.json', json)).message).toContain(expected);
  });

  it('reports every bad row and every bad field of a row in one error', () => {
    const csv = [
      'ticker,shares,cost_basis,currency,name',
      'AAPL,10,150,USD,Apple', // 2 ok
      'MSFT,-1,300,USD,Microsoft', // 3 bad shares
      'BAD TICKER,1,1,USD,Bad', // 4 bad ticker
      'NVDA,1,1,USD,Nvidia', // 5 ok
      'GOOG,x,-2,XX,Alphabet', // 6 three bad fields
    ].join('\n');
    const error = invalidInput(() => parsePortfolioFile('portfolio.csv', csv));
    expect(error.problems).toHaveLength(3);
    expect(error.message).toContain('portfolio.csv line 3: shares "-1" must be a non-negative number');
    expect(error.message).toContain('portfolio.csv line 4: ticker "BAD TICKER" is not a valid ticker');
    expect(error.message).toContain(
      'portfolio.csv line 6: shares "x" must be a non-negative number, cost_basis "-2" must be a non-negative number, currency "XX" must be a 3-letter currency code',
    );
    expect(error.message).not.toContain('line 2');
    expect(error.message).not.toContain('line 5');
  });

  it('lists up to 20 bad rows and says how many more', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `T${i},-${i + 1}`);
    const csv = ['ticker,shares', ...rows].join('\n');
    const error = invalidInput(() => parsePortfolioFile('big.csv', csv));
    expect(error.problems).toHaveLength(25);
    expect(error.message).toContain('big.csv line 2: shares "-1"');
    expect(error.message).toContain('big.csv line 21: shares "-20"');
    expect(error.message).not.toContain('big.csv line 22:');
    expect(error.message.endsWith('; and 5 more invalid rows')).toBe(true);
  });

  it(`accepts ${MAX_HOLDINGS} holdings and rejects one more`, () => {
    expect(MAX_HOLDINGS).toBe(10_000);
    const tickers = (n: number) => Array.from({ length: n }, (_, i) => `T${i}`);
    expect(parsePortfolioFile('p.csv', ['ticker', ...tickers(MAX_HOLDINGS)].join('\n'))).toHaveLength(MAX_HOLDINGS);
    const error = invalidInput(() => parsePortfolioFile('p.csv', ['ticker', ...tickers(MAX_HOLDINGS + 1)].join('\n')));
    expect(error.message).toBe('p.csv has 10001 holdings, more than MAX_HOLDINGS=10000');
    // Duplicates are merged before counting.
    expect(parsePortfolioFile('p.csv', ['ticker', ...tickers(MAX_HOLDINGS), 'T0'].join('\n'))).toHaveLength(MAX_HOLDINGS);
  });
});

describe('parseExecutionInput', () => {
  it('accepts inline holdings', () => {
    expect(
      parseExecutionInput({
        holdings: [
          { ticker: 'AAPL', shares: 10, costBasis: 150.25, currency: 'USD', name: 'Apple' },
          { ticker: 'msft' },
          { ticker: 'aapl', shares: 10, costBasis: 160.25 },
        ],
      }),
    ).toEqual({
      kind: 'holdings',
      holdings: [
        { ticker: 'AAPL', shares: 20, costBasis: 155.25, currency: 'USD', name: 'Apple' },
        { ticker: 'MSFT' },
      ],
    });
  });

  it('accepts a portfolio key (.csv or .json, any case), with a session id', () => {
    expect(parseExecutionInput({ portfolioKey: 'portfolios/main.csv' })).toEqual({
      kind: 'portfolioKey',
      portfolioKey: 'portfolios/main.csv',
    });
    expect(parseExecutionInput({ portfolioKey: 'portfolios/Main.JSON', sessionId: 'run-2025.01_a' })).toEqual({
      kind: 'portfolioKey',
      portfolioKey: 'portfolios/Main.JSON',
      sessionId: 'run-2025.01_a',
    });
  });

  it('names the index and field of bad inline holdings, all of them', () => {
    const error = invalidInput(() =>
      parseExecutionInput({ holdings: [{ ticker: 'AAPL' }, { ticker: 'A B' }, { ticker: 'MSFT', shares: -1 }] }),
    );
    expect(error.message).toBe(
      'holdings[1]: ticker "A B" is not a valid ticker (letters, digits, \'.\', \'-\', \'=\', an optional leading \'^\', at most 15 characters); ' +
        'holdings[2]: shares -1 must be a non-negative number',
    );
  });

  it.each([
    ['null', null, 'must be a JSON object'],
    ['a string', 'portfolios/main.csv', 'must be a JSON object'],
    ['an array', [{ ticker: 'AAPL' }], 'must be a JSON object'],
    ['neither', {}, 'needs either "holdings"'],
    ['neither (typo)', { portfolio_key: 'a.csv' }, 'needs either "holdings"'],
    ['both', { holdings: [{ ticker: 'AAPL' }], portfolioKey: 'a.csv' }, 'both "holdings" and "portfolioKey"'],
    ['holdings not an array', { holdings: 'AAPL' }, 'holdings must be an array'],
    ['empty holdings', { holdings: [] }, 'holdings is empty'],
    ['portfolioKey not a string', { portfolioKey: 5 }, 'portfolioKey 5 must be a string'],
    ['empty portfolioKey', { portfolioKey: '' }, 'portfolioKey "" is empty'],
    ['portfolioKey with another extension', { portfolioKey: 'portfolios/main.xlsx' }, 'must end in .csv or .json'],
    ['portfolioKey without extension', { portfolioKey: 'portfolios/main' }, 'must end in .csv or .json'],
    ['portfolioKey with ..', { portfolioKey: 'portfolios/../secrets.csv' }, "must not contain '..'"],
    ['portfolioKey as a URL', { portfolioKey: 's3://bucket/portfolios/main.csv' }, 'not a URL'],
    ['portfolioKey with a leading slash', { portfolioKey: '/portfolios/main.csv' }, "must not start with '/'"],
    ['bad sessionId', { portfolioKey: 'a.csv', sessionId: 'has space' }, 'sessionId "has space" is invalid'],
  ])('rejects %s', (_label, input, expected) => {
    expect(invalidInput(() => parseExecutionInput(input)).message).toContain(expected);
  });
});

describe('validateSessionId', () => {
  it.each(['a', 'run-1', 'Run_2025-01-01T10.00', 'x'.repeat(80), '0abc', '-x', '_x'])('accepts %j', (id) => {
    expect(validateSessionId(id)).toBe(id);
  });

  it.each(['', '.hidden', 'x'.repeat(81), 'a b', 'a/b', 'a:b', 'é', 5, null])('rejects %j', (id) => {
    const error = invalidInput(() => validateSessionId(id));
    expect(error.message).toMatch(/^sessionId .* is invalid/);
  });
});
