/**
 * Sources cited by many entries. Intel SDM chapter numbers are those of edition 325462-070 (May 2019);
 * later editions shifted the VMX chapters by one, so the chapter title is given too.
 */
import type { Source } from '../types';

const SDM_TITLE = "Intel 64 and IA-32 Architectures Software Developer's Manual";
const SDM_URL = 'https://www.intel.com/content/www/us/en/developer/articles/technical/intel-sdm.html';

export const sdm = (where: string): Source => ({ title: SDM_TITLE, where, url: SDM_URL });

export const kvmApi = (section: string): Source => ({
  title: 'Linux kernel documentation: The Definitive KVM API Documentation',
  where: `Documentation/virt/kvm/api.rst, ${section}`,
  url: 'https://docs.kernel.org/virt/kvm/api.html',
});

export const kvmHeader: Source = {
  title: 'Linux kernel UAPI header',
  where: 'include/uapi/linux/kvm.h',
  url: 'https://github.com/torvalds/linux/blob/master/include/uapi/linux/kvm.h',
};

export const popekGoldberg: Source = {
  title: 'G. J. Popek, R. P. Goldberg, "Formal Requirements for Virtualizable Third Generation Architectures"',
  where: 'Communications of the ACM 17(7), 1974, pp. 412–421',
  url: 'https://doi.org/10.1145/361011.361073',
};

export const robinIrvine: Source = {
  title: 'J. S. Robin, C. E. Irvine, "Analysis of the Intel Pentium\'s Ability to Support a Secure Virtual Machine Monitor"',
  where: '9th USENIX Security Symposium, 2000, section 4',
  url: 'https://www.usenix.org/legacy/events/sec2000/robin.html',
};

export const adamsAgesen: Source = {
  title: 'K. Adams, O. Agesen, "A Comparison of Software and Hardware Techniques for x86 Virtualization"',
  where: 'ASPLOS 2006',
  url: 'https://doi.org/10.1145/1168857.1168860',
};

export const neigerItj: Source = {
  title: 'G. Neiger et al., "Intel Virtualization Technology: Hardware Support for Efficient Processor Virtualization"',
  where: 'Intel Technology Journal 10(3), 2006',
};

export const uhlig: Source = {
  title: 'R. Uhlig et al., "Intel Virtualization Technology"',
  where: 'IEEE Computer 38(5), 2005, pp. 48–56',
  url: 'https://doi.org/10.1109/MC.2005.163',
};

export const xenPaper: Source = {
  title: 'P. Barham et al., "Xen and the Art of Virtualization"',
  where: 'SOSP 2003',
  url: 'https://doi.org/10.1145/945445.945462',
};

export const kvmPaper: Source = {
  title: 'A. Kivity et al., "kvm: the Linux Virtual Machine Monitor"',
  where: 'Proceedings of the Linux Symposium, Ottawa, 2007, vol. 1, pp. 225–230',
  url: 'https://www.kernel.org/doc/ols/2007/ols2007v1-pages-225-230.pdf',
};

export const qemuPaper: Source = {
  title: 'F. Bellard, "QEMU, a Fast and Portable Dynamic Translator"',
  where: 'USENIX Annual Technical Conference, FREENIX Track, 2005',
  url: 'https://www.usenix.org/legacy/event/usenix05/tech/freenix/bellard.html',
};

export const qemuDocs = (where: string, url: string): Source => ({ title: 'QEMU documentation', where, url });

export const goldbergThesis: Source = {
  title: 'R. P. Goldberg, "Architectural Principles for Virtual Computer Systems"',
  where: 'PhD thesis, Harvard University, 1973 (Type I and Type II VMMs)',
};

export const smithNair: Source = {
  title: 'J. E. Smith, R. Nair, "Virtual Machines: Versatile Platforms for Systems and Processes"',
  where: 'Morgan Kaufmann, 2005',
};

/** The Chinese textbook whose "VMM structure" classification the seed note follows. */
export const chineseTextbook: Source = {
  title: '英特尔开源软件技术中心、复旦大学并行处理研究所，《系统虚拟化——原理与实现》',
  where: '清华大学出版社，2009；VMM 的结构一节（Hypervisor 模型、宿主模型、混合模型）',
};

export const nistCloud: Source = {
  title: 'P. Mell, T. Grance, "The NIST Definition of Cloud Computing"',
  where: 'NIST Special Publication 800-145, 2011',
  url: 'https://doi.org/10.6028/NIST.SP.800-145',
};

export const nistVirt: Source = {
  title: 'K. Scarfone, M. Souppaya, P. Hoffman, "Guide to Security for Full Virtualization Technologies"',
  where: 'NIST Special Publication 800-125, 2011, section 2',
  url: 'https://doi.org/10.6028/NIST.SP.800-125',
};

export const vmwareWhitePaper: Source = {
  title: 'VMware, "Understanding Full Virtualization, Paravirtualization, and Hardware Assist"',
  where: 'white paper, 2007',
};

export const sugerman: Source = {
  title: 'J. Sugerman, G. Venkitachalam, B.-H. Lim, "Virtualizing I/O Devices on VMware Workstation\'s Hosted Virtual Machine Monitor"',
  where: 'USENIX Annual Technical Conference, 2001',
  url: 'https://www.usenix.org/legacy/event/usenix01/sugerman.html',
};

export const amdApm: Source = {
  title: 'AMD64 Architecture Programmer\'s Manual, Volume 2: System Programming',
  where: 'chapter 15, "Secure Virtual Machine"',
  url: 'https://www.amd.com/en/support/tech-docs',
};

export const snia: Source = {
  title: 'SNIA Dictionary',
  url: 'https://www.snia.org/education/dictionary',
};

export const virtioSpec: Source = {
  title: 'OASIS, "Virtual I/O Device (VIRTIO) Version 1.2"',
  where: 'Committee Specification 01, 2022',
  url: 'https://docs.oasis-open.org/virtio/virtio/v1.2/virtio-v1.2.html',
};

export const xenWiki = (page: string): Source => ({
  title: 'Xen Project wiki',
  where: page,
  url: `https://wiki.xenproject.org/wiki/${page}`,
});

/** The VIRTIO 1.0 text; its own title page states its stage (Committee Specification 04). */
export const virtioSpec10: Source = {
  title: 'OASIS, "Virtual I/O Device (VIRTIO) Version 1.0"',
  where: 'Committee Specification 04, 2016',
  url: 'https://docs.oasis-open.org/virtio/virtio/v1.0/cs04/virtio-v1.0-cs04.html',
};

/** QEMU's release notes, for when a feature reached upstream QEMU. */
export const qemuChangeLog = (version: string, what: string): Source => ({
  title: 'QEMU wiki, release change log',
  where: `ChangeLog/${version} (${what})`,
  url: `https://wiki.qemu.org/ChangeLog/${version}`,
});

export const redPill: Source = {
  title: 'J. Rutkowska, "Red Pill... or how to detect VMM using (almost) one CPU instruction"',
  where: 'invisiblethings.org, 2004',
};

export const kvmCpuidDoc: Source = {
  title: 'Linux kernel documentation',
  where: 'Documentation/virt/kvm/x86/cpuid.rst (KVM CPUID bits; leaf 0x40000000)',
  url: 'https://docs.kernel.org/virt/kvm/x86/cpuid.html',
};

/** Which instructions exit under VT-x, and only under which control: settles what VT-x did to the critical instructions. */
export const sdmDescriptorTableExiting = sdm(
  'Vol. 3C, 25.1.3 "Instructions That Cause VM Exits Conditionally" (descriptor-table exiting: LGDT, LIDT, LLDT, LTR, SGDT, SIDT, SLDT, STR); Appendix C "VMX Basic Exit Reasons" (46 access to GDTR or IDTR, 47 access to LDTR or TR)',
);

export const ieee8021q: Source = {
  title: 'IEEE Std 802.1Q, "IEEE Standard for Local and Metropolitan Area Networks—Bridges and Bridged Networks"',
  where: 'clause 9 "Tagging and addressing" (the VLAN tag and its 12-bit VLAN identifier)',
};

export const rfc7348: Source = {
  title: 'M. Mahalingam et al., "Virtual eXtensible Local Area Network (VXLAN): A Framework for Overlaying Virtualized Layer 2 Networks over Layer 3 Networks"',
  where: 'RFC 7348, IETF, 2014, sections 4 and 5 (24-bit VNI; layer-2 frames in UDP/IP)',
  url: 'https://www.rfc-editor.org/rfc/rfc7348',
};

export const osConcepts: Source = {
  title: 'A. Silberschatz, P. B. Galvin, G. Gagne, "Operating System Concepts"',
  where: '10th ed., Wiley, 2018, section 3.2.3 "Context Switch"',
};
