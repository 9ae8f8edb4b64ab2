// The inputs the reference fixtures cover, by class. Each class is one way a tokenizer can differ from the
// reference; `baseline` holds scripts and symbols that must keep matching while the others are fixed.

const hex = '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08';
const digits = '31415926535897932384626433832795028841971693993751058209749445923078164062862089986280348253421170679';

const prose = `Retrieval augmented generation splits every document into chunks, embeds each chunk once, and stores
the vectors next to the text. At question time the query is embedded with the same model, the nearest chunks are
found by cosine similarity, and the model answers from them. Chunks that are too long for the encoder are cut
silently, so their tail never influences the vector; chunks that are too short lose the context that makes them
findable. Operators therefore size chunks in tokens, watch the queue of the embedding service, and compare the
vectors they serve with those computed by the reference implementation whenever the tokenizer or the runtime
changes. Latency matters for queries, throughput for ingestion, and both share one replica.`.replace(/\s+/g, ' ');

/** Words of the prose, repeated as needed and cut to `count` words. */
export const proseWords = count => {
  const words = prose.split(' ');
  return Array.from({ length: count }, (_, i) => words[i % words.length]).join(' ');
};

export const referenceInputs = [
  // Words longer than max_input_chars_per_word (100 code points) become one [UNK].
  { inputClass: 'long-word', text: `commit ${hex}${hex} was reverted` },
  { inputClass: 'long-word', text: `pi is ${digits}` },
  { inputClass: 'long-word', text: 'x'.repeat(100) },
  { inputClass: 'long-word', text: 'x'.repeat(101) },
  { inputClass: 'long-word', text: `see https://example.com/${'a1'.repeat(60)}/index.html today` },
  { inputClass: 'long-word', text: `${'é'.repeat(101)} and ${'ж'.repeat(120)}` },
  { inputClass: 'long-word', text: `over ${'😀'.repeat(3)}${'b'.repeat(98)} limit` },
  { inputClass: 'long-word', text: `exactly ${'é'.repeat(100)} (200 UTF-16 units once accents are split off, 100 letters)` },

  // CJK ideographs outside the Basic Multilingual Plane (surrogate pairs in UTF-16) are split off like any other.
  { inputClass: 'astral-cjk', text: '𠮷野家で食べた' },
  { inputClass: 'astral-cjk', text: 'abc𠮷def' },
  { inputClass: 'astral-cjk', text: '我们吃𠮷饭𪚥了' },
  { inputClass: 'astral-cjk', text: 'Extension B 𠀀 and C 𪜀 and E 𫠠 and compatibility 丽 here' },
  // The reference's Extension E range starts at U+2B920: U+2B820..U+2B91F stay inside their word.
  { inputClass: 'astral-cjk', text: 'ab\u{2B820}cd ab\u{2B920}cd ab\u{2CEAF}cd' },

  // Literal special tokens in the text are the special tokens themselves.
  { inputClass: 'special-token', text: '[MASK]' },
  { inputClass: 'special-token', text: 'The capital of France is [MASK].' },
  { inputClass: 'special-token', text: 'first[SEP]second' },
  { inputClass: 'special-token', text: '[CLS] wrapped [SEP] twice [SEP]' },
  { inputClass: 'special-token', text: '[PAD] [UNK] and lower-case [mask] [sep]' },

  // Inputs around and past the 256-token limit; `tokens` sizes them in word pieces before [CLS]/[SEP].
  { inputClass: 'truncation', tokens: 200 },
  { inputClass: 'truncation', tokens: 254 },
  { inputClass: 'truncation', tokens: 255 },
  { inputClass: 'truncation', tokens: 337 },
  { inputClass: 'truncation', tokens: 518 },
  { inputClass: 'truncation', tokens: 1200 },

  // Accents, scripts, emoji, control and unusual whitespace characters, format and unassigned code points.
  { inputClass: 'baseline', text: 'Café naïve résumé déjà vu, Ångström, Øre, ﬁnance' },
  { inputClass: 'baseline', text: 'Привет мир, как дела? Ελληνικά ΣΟΦΟΣ' },
  { inputClass: 'baseline', text: 'नमस्ते दुनिया, आप कैसे हैं?' },
  { inputClass: 'baseline', text: 'مرحبا بالعالم، كيف حالك؟' },
  { inputClass: 'baseline', text: '北京欢迎你。東京は晴れ。서울 날씨' },
  { inputClass: 'baseline', text: 'Emoji 🚀 rocket, ☕ coffee, 👩‍💻 coder, 🇫🇷 flag' },
  { inputClass: 'baseline', text: 'tab\there\nnew line\r\nnul\u0000bell\u0007 zero\u200bwidth nbsp\u00a0ideographic\u3000space' },
  { inputClass: 'baseline', text: 'The price is $3.50 - 20% off, until 2025-12-31 at 17:45.' },
  { inputClass: 'baseline', text: 'v\u000btab s\u00adhy x\u0378y a·b a^b`c 🥰 ΣΑΣ İstanbul ǅ ﬃ Ⅻ \u{E0001}tag \uE000private' },
];

// Random text over a palette of every character class above, for token ids only (no vectors): it finds the
// differences nobody thought to list. A fixed seed keeps the fixture stable.
const palette = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', ...'.,;:!?\'"()[]{}<>-_/\\@#$%^&*+=~`|',
  ' ', ' ', ' ', ' ', '\t', '\n', '\r', '\u00a0', '\u3000', '\u2028', '\u000b', '\u0000', '\u200b', '\u00ad', '\ufeff', '\ufffd',
  ...'éèêëàâäçñøåæœßÉÀÇÑØÅ', ...'αβγδεζηθΣσςΩ', ...'абвгдежзийклмнопрЖЩЯё', ...'नमस्तेदुनिया', ...'مرحبابالعالم',
  ...'北京欢迎你東京晴天日本語', '𠮷', '𪚥', '𠀀', '𫠠', '丽', ...'서울날씨한국어', ...'ひらがなカタカナ',
  '😀', '🚀', '☕', '👩‍💻', '🇫🇷', '🥰', '\u0301', '\u0308', '\u0378', '\uE000', '\u{E0001}', 'ﬁ', 'Ⅻ', '·', '¿', '€', '™',
  '[MASK]', '[SEP]', '[CLS]', '[PAD]', '[UNK]', '[mask]', '[MAS', 'K]',
];

function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6D2B79F5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = mulberry32(20);
export const randomInputs = Array.from({ length: 400 }, (_, i) => {
  const length = 1 + Math.floor(random() * (i % 10 === 0 ? 400 : 60));
  const longRun = i % 7 === 0 ? 'x'.repeat(95 + Math.floor(random() * 10)) : '';
  return Array.from({ length }, () => palette[Math.floor(random() * palette.length)]).join('') + longRun;
});
