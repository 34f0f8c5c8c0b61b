# tests/data/store/shop.sh: sourced by tests/cli/unknowns.sh and
# tests/cli/pg/server.sh.
# shop_model FILE [EXECUTES]: the shop assistant's model into FILE, with
# the shell tool's executes-code line EXECUTES (", executes-code: true";
# empty: not answered).
shop_model() {
	cat >"$1" <<YAML
parapet: 1
system: { id: shop, name: Shop assistant, criticality: medium }
boundaries:
  - { id: cloud, name: Cloud, trust: internal }
components:
  - { id: user, name: User, kind: user, boundary: cloud }
  - { id: agent, name: Agent, kind: agent, boundary: cloud, human-approval: false, can-act: false, untrusted-input: true, executes-code: false, acts-as: user }
  - { id: llm, name: LLM, kind: model, boundary: cloud, model-type: llm, provider: in-house, personal-data: false, confidential-data: false, learns-from-feedback: false, open-weights: true, system-prompt: true, prompt-secrets: true }
  - { id: shell, name: Shell, kind: tool, boundary: cloud, provider: in-house, can-act: true, personal-data: false, confidential-data: false${2:-} }
flows:
  - { id: ask, from: user, to: agent, data: [prompt], encrypted: true }
  - { id: think, from: agent, to: llm, data: [prompt], encrypted: true }
  - { id: call, from: agent, to: shell, data: [tool-call], encrypted: true }
YAML
}
