// Draws the walkthrough's pictures (media/walkthrough/<step>.<lang>.svg) from one table, so the
// English and Chinese pictures cannot drift apart in anything but their words. The SVGs use
// VS Code's theme colours (walkthrough pages inline them), so they read in light and dark themes.
// Run `node scripts/walkthrough-media.mjs` after changing the table; a unit test checks the
// committed files are what this script draws.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MEDIA_DIR = join(ROOT, 'media', 'walkthrough');
export const LANGS = ['en', 'zh-cn'];

/**
 * Each step: a window (tab title, lines; `mark` picks the line the step is about) and a caption.
 * `callout` draws a hover or a lens box on top of the marked line.
 */
export const STEPS = {
  openNote: {
    tab: { en: 'study-note.en.md', 'zh-cn': 'study-note.zh-cn.md' },
    lines: {
      en: ['# The classic classification of virtualization', '## 1. Cloud computing and its service models', '## 2. By what is virtualized', '## 3. CPU virtualization', '## 4. By how the guest is changed', '## 5. By structure: where the VMM sits'],
      'zh-cn': ['# 虚拟化的经典分类', '## 1. 云计算及其服务模式', '## 2. 按虚拟化对象划分', '## 3. CPU 虚拟化', '## 4. 按客户机是否修改划分', '## 5. 按实现结构划分：VMM 位于何处'],
    },
    mark: 0,
    caption: { en: 'A bilingual study note ships with KVM Lab', 'zh-cn': 'KVM Lab 自带一篇中英双语学习笔记' },
  },
  hoverTerm: {
    tab: { en: 'study-note.en.md', 'zh-cn': 'study-note.zh-cn.md' },
    lines: {
      en: ['## 5. By structure: where the VMM sits', '- The hypervisor model (Type 1, bare metal)', '  A Hypervisor runs directly on the hardware'],
      'zh-cn': ['## 5. 按实现结构划分：VMM 位于何处', '- Hypervisor 模型（1 型，裸机型）', '  Hypervisor 直接运行在硬件之上'],
    },
    mark: 2,
    callout: {
      en: ['Hypervisor · 虚拟机监控器', 'Virtualization › Platform virtualization', 'The software layer that creates and runs VMs'],
      'zh-cn': ['虚拟机监控器 · Hypervisor', '虚拟化 › 平台虚拟化', '创建并运行虚拟机的软件层'],
    },
    caption: { en: 'Rest the pointer on a term: its explanation, in your language', 'zh-cn': '鼠标停在术语上：用你的语言解释它' },
  },
  followNode: {
    tab: { en: 'NOTE TAXONOMY', 'zh-cn': '笔记分类树' },
    lines: {
      en: ['▾ The classic classification of virtualization', '  ▸ 1. Cloud computing and its service models', '  ▸ 3. CPU virtualization', '  ▾ 5. By structure: where the VMM sits', '      The hypervisor model (Type 1, bare metal)', '      The hosted model (Type 2)'],
      'zh-cn': ['▾ 虚拟化的经典分类', '  ▸ 1. 云计算及其服务模式', '  ▸ 3. CPU 虚拟化', '  ▾ 5. 按实现结构划分：VMM 位于何处', '      Hypervisor 模型（1 型，裸机型）', '      宿主模型（2 型）'],
    },
    mark: 4,
    caption: { en: 'Click a node: the note jumps to its line', 'zh-cn': '点击节点：笔记跳到对应的行' },
  },
  glossary: {
    tab: { en: 'GLOSSARY', 'zh-cn': '术语表' },
    lines: {
      en: ['▾ CPU virtualization', '    Trap-and-emulate', '    Privileged instruction', '    Sensitive instruction', '▸ Hardware support (Intel VT-x, AMD-V)', '▸ Memory virtualization'],
      'zh-cn': ['▾ CPU 虚拟化', '    陷入并模拟', '    特权指令', '    敏感指令', '▸ 硬件支持（Intel VT-x、AMD-V）', '▸ 内存虚拟化'],
    },
    mark: 3,
    caption: { en: 'Every term by category; a click opens its explanation', 'zh-cn': '按类别列出全部术语；点击打开解释' },
  },
  simulator: {
    tab: { en: 'Trap-and-Emulate Simulator', 'zh-cn': '陷入-模拟模拟器' },
    lines: {
      en: ['Program: popf.vmasm   Mode: trap   Era: current', '▷ Run   ⤼ Step   ‖ Pause   ↺ Reset', '  41  pushf', '  42  cli                ⚑ trap → VMM emulates', '  47  popf               ⚠ divergence', 'guest user · guest kernel · VMM/KVM · QEMU · CPU'],
      'zh-cn': ['程序：popf.vmasm   模式：trap   时代：current', '▷ 运行   ⤼ 单步   ‖ 暂停   ↺ 重置', '  41  pushf', '  42  cli                ⚑ 陷入 → VMM 模拟', '  47  popf               ⚠ 分歧', '客户机用户态 · 客户机内核 · VMM/KVM · QEMU · CPU'],
    },
    mark: 3,
    caption: { en: 'Step through a guest program: every trap and exit on its line', 'zh-cn': '单步运行客户机程序：每次陷入和退出都标在对应行上' },
  },
  popfTrap: {
    tab: { en: 'popf.vmasm — trap', 'zh-cn': 'popf.vmasm — trap' },
    lines: {
      en: ['pushf        ; IF = 1 saved', 'cli          ; traps: the VMM clears the virtual IF', 'popf         ; CPL 1: IF = 1 silently dropped', 'out 0x40, r0 ; arm the timer', 'hlt          ; no tick ever comes: the machine stops'],
      'zh-cn': ['pushf        ; 保存 IF = 1', 'cli          ; 陷入：VMM 清除虚拟 IF', 'popf         ; CPL 1：IF = 1 被悄悄丢弃', 'out 0x40, r0 ; 启动定时器', 'hlt          ; 定时器中断永远不来：机器停止'],
    },
    mark: 2,
    caption: { en: 'trap: POPF does not trap, so the VMM never learns IF is back on', 'zh-cn': 'trap：POPF 不陷入，VMM 永远不知道 IF 已恢复' },
  },
  popfVtx: {
    tab: { en: 'popf.vmasm — vtx', 'zh-cn': 'popf.vmasm — vtx' },
    lines: {
      en: ['pushf        ; IF = 1 saved', 'cli          ; runs directly in VMX non-root mode', 'popf         ; CPL 0: IF = 1 restored', 'out 0x40, r0 ; VM exit → QEMU arms the timer', 'hlt          ; the tick arrives: "tick"'],
      'zh-cn': ['pushf        ; 保存 IF = 1', 'cli          ; 在 VMX 非根模式下直接执行', 'popf         ; CPL 0：IF = 1 被恢复', 'out 0x40, r0 ; VM 退出 → QEMU 启动定时器', 'hlt          ; 定时器中断到来：输出 "tick"'],
    },
    mark: 2,
    caption: { en: 'vtx: the guest kernel keeps ring 0, so POPF just works', 'zh-cn': 'vtx：客户机内核仍在 ring 0，POPF 正常工作' },
  },
  ownNote: {
    tab: { en: 'my-note.md', 'zh-cn': 'my-note.md' },
    lines: {
      en: ['# My virtualization note', '▷ Run in simulator', '```vmasm', '    cli          ; traps under trap', '    out 0x3F8, r0', '```'],
      'zh-cn': ['# 我的虚拟化笔记', '▷ 在模拟器中运行', '```vmasm', '    cli          ; trap 模式下陷入', '    out 0x3F8, r0', '```'],
    },
    mark: 1,
    caption: { en: 'A ```vmasm block in any note runs from its lens', 'zh-cn': '任何笔记中的 ```vmasm 代码块都可以从其上方的按钮运行' },
  },
};

const WIDTH = 480;
const LINE = 26;
const escape = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One step's picture in one language. */
export function drawStep(step, lang) {
  const lines = step.lines[lang];
  const callout = step.callout?.[lang];
  const top = 44;
  const bodyHeight = lines.length * LINE + 16 + (callout ? callout.length * 22 + 16 : 0);
  const height = top + bodyHeight + 56;
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="var(--vscode-editor-font-family, monospace)" font-size="13">`,
    `  <rect x="1" y="1" width="${WIDTH - 2}" height="${top + bodyHeight}" rx="6" fill="var(--vscode-editor-background, #1e1e1e)" stroke="var(--vscode-editorWidget-border, #454545)"/>`,
    `  <rect x="1" y="1" width="${WIDTH - 2}" height="30" rx="6" fill="var(--vscode-editorGroupHeader-tabsBackground, #252526)"/>`,
    `  <text x="14" y="21" fill="var(--vscode-tab-activeForeground, #ffffff)">${escape(step.tab[lang])}</text>`,
  ];
  lines.forEach((text, i) => {
    const y = top + i * LINE;
    if (i === step.mark) {
      out.push(`  <rect x="8" y="${y}" width="${WIDTH - 16}" height="${LINE - 4}" rx="3" fill="var(--vscode-editor-selectionBackground, #264f78)"/>`);
    }
    out.push(`  <text x="16" y="${y + 16}" fill="var(--vscode-editor-foreground, #d4d4d4)" xml:space="preserve">${escape(text)}</text>`);
  });
  if (callout) {
    const y = top + lines.length * LINE + 8;
    out.push(`  <rect x="40" y="${y}" width="${WIDTH - 80}" height="${callout.length * 22 + 8}" rx="4" fill="var(--vscode-editorHoverWidget-background, #252526)" stroke="var(--vscode-editorHoverWidget-border, #454545)"/>`);
    callout.forEach((text, i) => {
      out.push(`  <text x="52" y="${y + 20 + i * 22}" fill="var(--vscode-editorHoverWidget-foreground, #cccccc)"${i === 0 ? ' font-weight="bold"' : ''}>${escape(text)}</text>`);
    });
  }
  out.push(`  <text x="${WIDTH / 2}" y="${height - 20}" text-anchor="middle" font-family="var(--vscode-font-family, sans-serif)" font-size="15" fill="var(--vscode-foreground, #cccccc)">${escape(step.caption[lang])}</text>`);
  out.push('</svg>', '');
  return out.join('\n');
}

export function mediaFiles() {
  return Object.entries(STEPS).flatMap(([id, step]) => LANGS.map((lang) => ({ path: join(MEDIA_DIR, `${id}.${lang}.svg`), text: drawStep(step, lang) })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  mkdirSync(MEDIA_DIR, { recursive: true });
  for (const { path, text } of mediaFiles()) writeFileSync(path, text);
  console.log(`[walkthrough] ${mediaFiles().length} pictures in ${MEDIA_DIR}`);
}
