//! The search client's internals that the relevance tests reach only through whole
//! queries: decoding postings into typed arrays with a lookup by page (a table for long
//! lists, a search by halves for short ones), and the one-pass folding of text without
//! characters whose folding is not one unit for one.
//!
//! Needs `node` on the PATH.

mod common;

use common::{node_eval, theme_js};

fn node(script: &str) -> serde_json::Value {
    let prelude = format!(
        "const T = require({}); const S = require({});\n",
        theme_js("search-text.js"),
        theme_js("search.js")
    );
    serde_json::from_slice(&node_eval(&(prelude + script), &[])).expect("JSON on stdout")
}

/// docs/search-format.md's numbers: base-32 digits, the last one from `0-9a-v`.
fn encode(mut v: u32) -> String {
    const LAST: &[u8] = b"0123456789abcdefghijklmnopqrstuv";
    const MORE: &[u8] = b"wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
    let mut out = vec![LAST[(v % 32) as usize]];
    v /= 32;
    while v > 0 {
        out.push(MORE[(v % 32) as usize]);
        v /= 32;
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

#[test]
fn postings_decode_and_look_up_every_page_short_and_long_lists_alike() {
    // Pages 0..1000: a short list (searched by halves) and a long one (a table), plain
    // and ranked, each looked up for every page.
    let n = 1000u32;
    let short: Vec<u32> = vec![0, 7, 8, 500, 999];
    let long: Vec<u32> = (0..n).filter(|d| d % 3 == 0).collect();
    let impact = |i: usize| 1 + (i as u32 % 31);
    let reach = |i: usize| i as u32 % 7;
    let plain = |docs: &[u32]| {
        let mut s = String::new();
        let mut at = 0;
        for (i, d) in docs.iter().enumerate() {
            s += &encode(d - at);
            // The impact, 1–31, with a reach code (0–6) above its five bits.
            s += &encode(impact(i) | reach(i) << 5);
            at = *d;
        }
        s
    };
    let gaps = |docs: &[u32]| {
        let mut s = String::new();
        let mut at = 0;
        for d in docs {
            s += &encode(d - at);
            at = *d;
        }
        s
    };
    let lists = serde_json::json!([
        plain(&short),
        plain(&long),
        [gaps(&long), plain(&long[10..13]), "5"],
    ]);
    let got = node(&format!(
        "const n = {n}; const lists = {lists};\n\
         console.log(JSON.stringify(lists.map(l => {{\n\
           const p = S._decode(l, n);\n\
           const found = [];\n\
           for (let d = -1; d <= n; d++) {{ const k = S._slot(p, d); if (k >= 0) found.push([d, p.docs[k], p.impacts[k], p.reach[k]]); }}\n\
           return {{dense: p.dense !== null, found}};\n\
         }})));"
    ));
    let expect = |docs: &[u32], of: &dyn Fn(usize) -> (u32, u32)| {
        docs.iter()
            .enumerate()
            .map(|(i, d)| serde_json::json!([d, d, of(i).0, of(i).1]))
            .collect::<Vec<_>>()
    };
    let own = |i: usize| (impact(i), reach(i));
    assert_eq!(got[0]["dense"], false);
    assert_eq!(got[0]["found"].as_array().unwrap(), &expect(&short, &own));
    assert_eq!(got[1]["dense"], true);
    assert_eq!(got[1]["found"].as_array().unwrap(), &expect(&long, &own));
    // Ranked: the floor everywhere but on the best pages, which keep their own impacts
    // and reach; the others' reach is unknown (0).
    assert_eq!(
        got[2]["found"].as_array().unwrap(),
        &expect(&long, &|i| if (10..13).contains(&i) {
            own(i - 10)
        } else {
            (5, 0)
        })
    );
}

#[test]
fn one_pass_folding_equals_folding_character_by_character() {
    // Every BMP character alone and between letters, and texts with the characters that
    // take the slow path (İ, Σ at a word's end, surrogate pairs, full-width forms).
    let got = node(
        "function slow(text) {\n\
           let norm = '', map = [], i = 0;\n\
           while (i < text.length) {\n\
             const ch = String.fromCodePoint(text.codePointAt(i));\n\
             const f = T.foldChar(ch).toLowerCase();\n\
             for (let j = 0; j < f.length; j++) map.push(i);\n\
             norm += f; i += ch.length;\n\
           }\n\
           map.push(text.length);\n\
           return {text: norm, map};\n\
         }\n\
         const texts = ['ＡＢＣ　Hello İstanbul ΟΔΟΣ 𐐀x 数据ＥＲＰ', 'plain ASCII', '全角１２３％'];\n\
         for (let c = 0; c < 0x10000; c++) {\n\
           if (c >= 0xd800 && c <= 0xdfff) continue;\n\
           const ch = String.fromCharCode(c); texts.push(ch, 'A' + ch + 'b');\n\
         }\n\
         const bad = texts.filter(t => {\n\
           const a = T.normalize(t), b = slow(t);\n\
           return a.text !== b.text || a.map.join() !== b.map.join() || T.fold(t) !== b.text;\n\
         });\n\
         console.log(JSON.stringify(bad.slice(0, 5)));",
    );
    assert_eq!(got, serde_json::json!([]));
}

/// Format 7: a ranked list is asked for with the shards (meta lists its bucket), and a
/// term whose bucket holds another term's list only is read from its shard.
#[test]
fn ranked_lists_load_with_the_shards_and_a_shared_bucket_falls_back_to_the_shard() {
    let got = node(
        "const buckets = 64;\n\
         // Two bigrams in one bucket: 供应 ranked (in p/<b>), the other plain (in its shard).\n\
         const chars = Array.from('项目阶段评审交付延期风险质量进度成本沟通采购');\n\
         const b = S.fnv1a32('供应') % buckets;\n\
         let other = null;\n\
         for (const x of chars) for (const y of chars) {\n\
           const t = x + y;\n\
           if (!other && t !== '供应' && S.fnv1a32(t) % buckets === b) other = t;\n\
         }\n\
         const files = {\n\
           meta: {v: 11, n: 3, shards: 1, chunk: 32, split: '', common: '', facets: [],\n\
                  ranked: {buckets, set: (b >= 32 ? 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$'[b >> 5] : '') + '0123456789abcdefghijklmnopqrstuv'[b & 31]}},\n\
           's/0': {[other]: '1v', '供': '0v'},\n\
           ['p/' + b]: {'供应': ['011', '', 3]},\n\
           'x/0-0': ['a/', 'A', 'lesson', '', 1, 'A\\n供应', ''],\n\
           'x/1-0': ['b/', 'B ' + other, 'lesson', '', 1, 'B\\n' + other, ''],\n\
           'x/2-0': ['c/', 'C', 'lesson', '', 1, 'C\\n供应', ''],\n\
         };\n\
         let round = 0; const asked = [];\n\
         S.configure({load: (name) => new Promise((resolve, reject) => {\n\
           asked.push([round, name]);\n\
           setTimeout(() => { round++; name in files ? resolve(files[name]) : reject(new Error(name)); }, 0);\n\
         })});\n\
         (async () => {\n\
           const a = await S.search('供应', {limit: 8, facets: false});\n\
           const askedA = asked.splice(0);\n\
           S.reset(); round = 0;\n\
           const o = await S.search(other, {limit: 8, facets: false});\n\
           console.log(JSON.stringify({a: a.results.map(r => r.url), o: o.results.map(r => r.url),\n\
             askedA, askedO: asked, bucket: b}));\n\
         })();",
    );
    assert_eq!(got["a"], serde_json::json!(["a/", "b/", "c/"]), "{got}");
    assert_eq!(got["o"], serde_json::json!(["b/"]), "{got}");
    // The ranked list is asked for before the shard arrives.
    let p = format!("p/{}", got["bucket"]);
    let when = |asked: &serde_json::Value, name: &str| {
        asked
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x[1] == name)
            .map(|x| x[0].as_u64().unwrap())
    };
    assert_eq!(
        when(&got["askedA"], &p),
        when(&got["askedA"], "s/0"),
        "{got}"
    );
    assert_eq!(
        when(&got["askedO"], &p),
        when(&got["askedO"], "s/0"),
        "{got}"
    );
}

/// A long phrase's places: its two ends and its two rarest inner bigrams, not every
/// bigram (the words' own bigrams, in many pages, cost more than they tell), and only
/// those its ranked list says are written (a fourth entry, their modulus: 丁戊's has none,
/// and it has no places file). Pages 0–2 hold 甲乙丙丁戊己; pages 3–5 hold some of its bigrams
/// apart, so places are wanted.
#[test]
fn a_long_phrase_loads_the_written_places_of_its_ends_and_rarest_bigrams() {
    let got = node(
        "const enc = (v) => { const L = '0123456789abcdefghijklmnopqrstuv', M = 'wxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';\n\
           let s = L[v % 32]; v = Math.floor(v / 32); while (v > 0) { s = M[v % 32] + s; v = Math.floor(v / 32); } return s; };\n\
         const gaps = (xs) => xs.map((x, i) => enc(i ? x - xs[i - 1] : x)).join('');\n\
         const buckets = 4096;\n\
         const pages = {'甲乙': [0, 1, 2, 5], '乙丙': [0, 1, 2, 3], '丙丁': [0, 1, 2, 3, 4],\n\
                        '丁戊': [0, 1, 2, 3], '戊己': [0, 1, 2, 5]};\n\
         const at = {'甲乙': '1', '乙丙': '2', '丙丁': '4', '丁戊': '8', '戊己': 'g'};\n\
         const files = {'s/0': {}};\n\
         const bs = [];\n\
         for (const t of Object.keys(pages)) {\n\
           const b = S.fnv1a32(t) % buckets; bs.push(b);\n\
           const placed = t !== '丁戊';\n\
           files['p/' + b] = {[t]: [gaps(pages[t]), '', 3].concat(placed ? [5] : [])};\n\
           // In a row on pages 0-2, elsewhere on the others.\n\
           if (placed) files['m/p' + b] = {[t]: pages[t].map((d) => d < 3 ? at[t] : '1').join('')};\n\
         }\n\
         const sorted = bs.slice().sort((a, b) => a - b);\n\
         files.meta = {v: 11, n: 6, shards: 1, chunk: 32, split: '', common: '', facets: [],\n\
                       ranked: {buckets, set: gaps(sorted)}};\n\
         for (let d = 0; d < 6; d++) files['x/' + d + '-0'] = [d + '/', 'T' + d, 'lesson', '', 1, 'T' + d + '\\n' + (d < 3 ? '甲乙丙丁戊己' : '甲乙 乙丙 丙丁 丁戊 戊己'), ''];\n\
         const asked = [];\n\
         S.configure({load: (name) => { asked.push(name); return name in files ? Promise.resolve(files[name]) : Promise.reject(new Error(name)); }});\n\
         (async () => {\n\
           const r = await S.search('甲乙丙丁戊己', {limit: 1, facets: false});\n\
           const placesOf = {};\n\
           for (const t of Object.keys(pages)) placesOf[t] = asked.includes('m/p' + (S.fnv1a32(t) % buckets));\n\
           const missing = asked.filter((f) => !(f in files) && f !== 'syn');\n\
           console.log(JSON.stringify({distinct: new Set(bs).size, first: r.results.map(x => x.url), placesOf, missing}));\n\
         })();",
    );
    assert_eq!(got["distinct"], 5, "the test needs five buckets: {got}");
    assert_eq!(got["first"], serde_json::json!(["0/"]), "{got}");
    assert_eq!(
        got["placesOf"],
        serde_json::json!({"甲乙": true, "乙丙": true, "丙丁": false, "丁戊": false, "戊己": true}),
        "{got}"
    );
    assert_eq!(got["missing"], serde_json::json!([]), "{got}");
}
