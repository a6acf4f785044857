# Two commands set up everything on a fresh machine: `make demo` and `make test`.
.PHONY: demo test
demo:
	bash scripts/demo.sh
test:
	bash scripts/test.sh
