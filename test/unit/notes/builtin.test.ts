import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { outlineNote, type TaxonomyNode } from '../../../src/core/notes/index';
import { findTerms } from '../../../src/core/glossary/index';
import { allNodes, nodeLabelled } from './helpers';

// The built-in study note teaches; these tests pin facts a review found wrong, in both languages.
const notes = {
  en: readFileSync(join(__dirname, '..', '..', '..', 'notes', 'builtin', 'study-note.en.md'), 'utf8'),
  'zh-cn': readFileSync(join(__dirname, '..', '..', '..', 'notes', 'builtin', 'study-note.zh-cn.md'), 'utf8'),
};

const text = {
  en: {
    structure: '5. By structure: where the VMM sits',
    models: [/^The hypervisor model \(Type 1, bare metal\)$/, /^The hosted model \(Type 2\)$/, /^The hybrid model \(Type 1, with a privileged control domain: Xen and its Dom0\)$/],
    vlan: /^A VLAN \(IEEE 802\.1Q\) tags each frame .*nothing is tunnelled \[11\]$/,
    vxlan: /^An overlay such as VXLAN carries whole layer-2 frames inside UDP\/IP packets .*\[12\]$/,
    vlanIsOverlay: /overlays? (such as|like) VLAN|VLAN and VXLAN (are|as) overlays/i,
    vtx: /^How VT-x closes the gap$/,
  },
  'zh-cn': {
    structure: '5. 按实现结构划分：VMM 位于何处',
    models: [/^Hypervisor 模型（1 型，裸机型）$/, /^宿主模型（2 型）$/, /^混合模型（1 型，另有特权控制域：Xen 及其 Dom0）$/],
    vlan: /^VLAN（IEEE 802\.1Q）给每个帧打上 12 位的 VLAN 标识.*并不做隧道封装 \[11\]$/,
    vxlan: /^VXLAN 这样的叠加（overlay）网络把完整的二层帧封装在 UDP\/IP 报文中.*\[12\]$/,
    vlanIsOverlay: /VLAN、VXLAN 等(覆盖|叠加)网络/,
    vtx: /^VT-x 如何补上这个缺口$/,
  },
} as const;

for (const lang of ['en', 'zh-cn'] as const) {
  const note = notes[lang];
  const { roots } = outlineNote(note);
  const labelsUnder = (node: TaxonomyNode) => allNodes([node]).map((child) => child.label);

  test(`${lang}: a VLAN tags frames within one layer-2 network; VXLAN is the overlay`, () => {
    assert.doesNotMatch(note, text[lang].vlanIsOverlay);
    const vlan = nodeLabelled(roots, text[lang].vlan);
    const vxlan = nodeLabelled(roots, text[lang].vxlan);
    assert.equal(vlan.depth, vxlan.depth);
    const onLine = (line: number) => findTerms(note).filter((match) => match.line === line).map((match) => match.term);
    assert.ok(onLine(vlan.line).includes('vlan'), 'VLAN is matched to its glossary entry');
    assert.ok(onLine(vxlan.line).includes('vxlan'), 'VXLAN is matched to its glossary entry');
  });

  test(`${lang}: each structure model is labelled with its type, the hybrid model too`, () => {
    const structure = nodeLabelled(roots, text[lang].structure);
    const models = structure.children.slice(0, 3);
    models.forEach((model, i) => assert.match(model.label, text[lang].models[i]));
  });

  test(`${lang}: VT-x did not make the critical instructions exit; only descriptor-table exiting can`, () => {
    const vtx = nodeLabelled(roots, text[lang].vtx);
    const items = labelsUnder(vtx).join('\n');
    assert.match(items, /SGDT.*SIDT.*SLDT.*STR.*descriptor-table exiting.*46.*47/);
    assert.match(items, /POPF\/PUSHF.*LAR.*LSL.*VERR.*VERW/);
    assert.doesNotMatch(note, /restores trapping|恢复截获/);
  });

  test(`${lang}: full virtualization means unmodified, not undetectable`, () => {
    assert.match(note, lang === 'en' ? /Unmodified is not undetectable/ : /无需修改不等于无法察觉/);
    assert.doesNotMatch(note, /cannot tell|察觉不到/);
  });

  test(`${lang}: every cited source number is listed under the sources`, () => {
    const cited = new Set([...note.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])));
    const listed = new Set([...note.matchAll(/^(\d+)\. /gm)].map((m) => Number(m[1])));
    for (const n of cited) assert.ok(listed.has(n), `[${n}] is cited but not listed`);
    assert.ok(listed.has(11) && listed.has(12), 'IEEE 802.1Q and RFC 7348 are listed');
  });
}
