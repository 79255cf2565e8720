# The framework's habits over gdp and cdktf: ENV=dv make init|plan|deploy|clean (ENV defaults to dv).
#
#   make init     build gdp, validate, synthesize the ENV stack, `terraform init` it
#   make plan     synthesize again and show what `cdktf deploy` would change (cdktf diff)
#   make deploy   synthesize again and deploy the ENV stack (cdktf asks before applying)
#   make clean    remove the ENV stack folder (its .terraform too) from the output folder
#
# Variables: ENV (dv|qa|np|pd), CONFIG, ENVIRONMENTS, OUT (must be the cdktf.json "output", default cdktf.out),
# DEPLOY_FLAGS (e.g. --auto-approve in CI).

ENV ?= dv
CONFIG ?= ./configuration
ENVIRONMENTS ?= ./environments
OUT ?= cdktf.out
DEPLOY_FLAGS ?=

GDP := node bin/gdp.js
STACK := $(OUT)/stacks/$(ENV)

.PHONY: init plan deploy clean build validate synth check-env

check-env:
	@case "$(ENV)" in dv|qa|np|pd) ;; *) echo "make: ENV=$(ENV) is not an environment; use dv, qa, np or pd" >&2; exit 2 ;; esac

build:
	npm run build

validate: check-env build
	$(GDP) validate --env $(ENV) --config $(CONFIG) --environments $(ENVIRONMENTS)

synth: check-env build
	$(GDP) synth --env $(ENV) --config $(CONFIG) --environments $(ENVIRONMENTS) --out $(OUT)

init: synth
	terraform -chdir=$(STACK) init -input=false

plan: synth
	npx cdktf diff $(ENV) --skip-synth

deploy: synth
	npx cdktf deploy $(ENV) --skip-synth $(DEPLOY_FLAGS)

clean: check-env
	rm -rf $(STACK)
