import type { UiLanguage } from '../../shared/protocol';

/** The note the walkthrough's last step opens: a ```vmasm block that assembles, for the learner to change. */
const NOTES: Record<UiLanguage, string> = {
  en: `# My virtualization note

A guest program of my own. Change it, then press **Run in simulator** above the block.

\`\`\`vmasm
; CLI and STI trap under \`trap\`; under \`vtx\` they run in the guest
_start:
    cli
    mov r0, 72            ; the letter H
    out 0x3F8, r0         ; one byte to the serial port: a VM exit under vtx
    sti
    hlt
\`\`\`
`,
  'zh-cn': `# 我的虚拟化笔记

一个我自己的客户机程序。修改它，然后点击代码块上方的 **在模拟器中运行**。

\`\`\`vmasm
; CLI 和 STI 在 \`trap\` 模式下陷入；在 \`vtx\` 模式下直接在客户机中执行
_start:
    cli
    mov r0, 72            ; 字母 H
    out 0x3F8, r0         ; 向串口写一个字节：vtx 下产生一次 VM 退出
    sti
    hlt
\`\`\`
`,
};

export function starterNote(lang: UiLanguage): string {
  return NOTES[lang];
}
