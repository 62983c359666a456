# Kalkyl — the two commands of the README's quick start, and their parts.
#   make demo   installs what is missing, builds, and evaluates the bundled example
#   make test   installs what is missing, builds, and runs every test
SWIFT ?= swift
EXAMPLE := formulas/lansteknik-2021.kalkyl
# The example's board pack: report sheets, formats and charts (see README, "Board-pack layouts").
LAYOUT := workbooks/lansteknik-2021.layout
# The division's month (README, "How a controller does the month"): its pack and the board's PDF.
DIVISION := formulas/division-followup-2024.kalkyl
DIVISION_LAYOUT := workbooks/division-followup-2024.layout
# Debian packages the build and the tests need beyond the Swift toolchain.
APT_PACKAGES := libxlsxwriter-dev zlib1g-dev
# LibreOffice headless renders the board's PDF (make demo) and recalculates exported workbooks
# in the tests (58 packages, about 86 MB; 16 s to install here). Skipped when some soffice is
# already on PATH.
PDF_APT_PACKAGES := libreoffice-calc-nogui
# The PDF board pack's tests read its pages and text with pdfinfo and pdftotext (skipped without
# them). Skipped when some pdftotext is already on PATH.
TEST_PDF_PACKAGES := poppler-utils
# Neovim drives `kalkyl lsp` end to end in a test, as a real editor (11 packages, about 6 MB;
# its test is skipped without it). Skipped when some nvim is already on PATH.
TEST_EDITOR_PACKAGES := neovim

.PHONY: demo test setup pdf-setup test-setup build release clean

setup:
	@command -v $(SWIFT) >/dev/null || { echo "Kalkyl needs the Swift 6 toolchain (swift.org) on PATH."; exit 1; }
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then echo "Installing:$$missing"; apt-get update -qq && apt-get install -y -qq $$missing; fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release --product kalkyl

demo: release pdf-setup
	@echo "== kalkyl check $(EXAMPLE)"
	@.build/release/kalkyl check $(EXAMPLE)
	@echo
	@echo "== kalkyl eval $(EXAMPLE)"
	@.build/release/kalkyl eval $(EXAMPLE)
	@echo
	@echo "== kalkyl eval $(EXAMPLE) --scenario hiring_stop (the report's forecast assumption)"
	@.build/release/kalkyl eval $(EXAMPLE) --scenario hiring_stop employees personnel_variance_ytd personnel_forecast_variance_mnkr forecast_result_mnkr
	@echo
	@echo "== kalkyl export $(EXAMPLE) --layout $(LAYOUT) -o out/board-pack.xlsx --pdf out/board-pack.pdf (the board pack)"
	@mkdir -p out
	@.build/release/kalkyl export $(EXAMPLE) --layout $(LAYOUT) -o out/board-pack.xlsx --pdf out/board-pack.pdf
	@echo
	@echo "== kalkyl export $(DIVISION) --layout $(DIVISION_LAYOUT) -o out/division.xlsx --pdf out/division.pdf (the division's month)"
	@.build/release/kalkyl export $(DIVISION) --layout $(DIVISION_LAYOUT) -o out/division.xlsx --pdf out/division.pdf
	@echo
	@echo "The board pack is in $(CURDIR)/out/board-pack.xlsx: open it in Excel or LibreOffice Calc;"
	@echo "out/board-pack.pdf is what the board gets."
	@echo "Its report sheets (Resultat, Personal, Nyckeltal) come from $(LAYOUT)."
	@echo "The division's month is out/division.xlsx and out/division.pdf, from $(DIVISION_LAYOUT)."

pdf-setup:
	@command -v soffice >/dev/null || { echo "Installing: $(PDF_APT_PACKAGES)"; apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(PDF_APT_PACKAGES); }

test-setup: setup pdf-setup
	@command -v python3 >/dev/null || { echo "Installing: python3"; apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3; }
	@command -v pdftotext >/dev/null || { echo "Installing: $(TEST_PDF_PACKAGES)"; apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_PDF_PACKAGES); }
	@command -v nvim >/dev/null || { echo "Installing: $(TEST_EDITOR_PACKAGES)"; apt-get update -qq && \
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(TEST_EDITOR_PACKAGES); }

test: build test-setup
	$(SWIFT) test

clean:
	rm -rf .build
