import type { GlossaryEntry } from '../types';
import { nistCloud, snia } from './sources';

export const cloudEntries: GlossaryEntry[] = [
  {
    id: 'cloud-computing',
    category: 'cloud',
    names: { en: 'Cloud computing', 'zh-cn': '云计算' },
    aliases: ['cloud', '云服务'],
    summary: {
      en: 'A model of providing computing resources (servers, storage, networks, applications) on demand over a network, from a shared pool that is provisioned and released quickly and billed by use. NIST names five essential characteristics: on-demand self-service, broad network access, resource pooling, rapid elasticity and measured service. Virtualization is the usual means of pooling the hardware, but the two are not the same thing.',
      'zh-cn': '通过网络按需提供计算资源（服务器、存储、网络、应用）的一种模式：资源来自共享的资源池，可以快速申请和释放，并按使用量计费。NIST 的定义列出了五个基本特征：按需自助、广泛的网络访问、资源池化、快速弹性和可计量的服务。虚拟化是实现资源池化最常用的手段，但虚拟化本身并不等于云计算。',
    },
    taxonomy: [],
    related: ['saas', 'paas', 'iaas', 'virtualization', 'utility-computing', 'multi-tenancy'],
    sources: [nistCloud],
  },
  {
    id: 'saas',
    category: 'cloud',
    names: { en: 'Software as a Service (SaaS)', 'zh-cn': '软件即服务（SaaS）' },
    aliases: ['SaaS', 'Software as a Service', '软件即服务'],
    summary: {
      en: 'The cloud service model in which the provider runs a complete application and users reach it through a browser or a thin client. The user configures the application at most; the provider manages the servers, operating systems, storage and the application itself. Web mail and online office suites are typical examples.',
      'zh-cn': '云计算的一种服务模式：提供商运行完整的应用程序，用户通过浏览器或瘦客户端直接使用。用户最多只能做一些应用层面的配置，服务器、操作系统、存储以及应用本身都由提供商管理。网页邮箱、在线办公套件都是典型的 SaaS。',
    },
    taxonomy: ['cloud-computing'],
    related: ['paas', 'iaas', 'cloud-computing'],
    sources: [{ ...nistCloud, where: 'NIST SP 800-145, section 2, "Service Models"' }],
  },
  {
    id: 'paas',
    category: 'cloud',
    names: { en: 'Platform as a Service (PaaS)', 'zh-cn': '平台即服务（PaaS）' },
    aliases: ['PaaS', 'Platform as a Service', '平台即服务'],
    summary: {
      en: 'The cloud service model in which the provider offers a runtime platform (languages, libraries, databases, deployment tools) on which users deploy their own applications. Users control their code and its configuration but not the underlying servers, operating systems or storage.',
      'zh-cn': '云计算的一种服务模式：提供商提供运行平台（编程语言运行时、库、数据库、部署工具等），用户在上面部署自己开发的应用。用户掌控自己的代码和配置，但不管理底层的服务器、操作系统和存储。',
    },
    taxonomy: ['cloud-computing'],
    related: ['saas', 'iaas', 'cloud-computing'],
    sources: [{ ...nistCloud, where: 'NIST SP 800-145, section 2, "Service Models"' }],
  },
  {
    id: 'iaas',
    category: 'cloud',
    names: { en: 'Infrastructure as a Service (IaaS)', 'zh-cn': '基础设施即服务（IaaS）' },
    aliases: ['IaaS', 'Infrastructure as a Service', '基础设施即服务'],
    summary: {
      en: 'The cloud service model in which the provider rents out processing, storage and networks, usually as virtual machines, and users install and run any operating system and software on them. It is the model closest to virtualization: each rented server is typically a guest on a hypervisor such as KVM or Xen.',
      'zh-cn': '云计算的一种服务模式：提供商出租计算、存储和网络资源，通常以虚拟机的形式交付，用户可以在上面安装和运行任意的操作系统与软件。这是与虚拟化关系最密切的模式：租到的每台“服务器”一般就是运行在 KVM、Xen 等 Hypervisor 上的一台客户机。',
    },
    taxonomy: ['cloud-computing'],
    related: ['saas', 'paas', 'virtual-machine', 'server-virtualization'],
    sources: [{ ...nistCloud, where: 'NIST SP 800-145, section 2, "Service Models"' }],
  },
  {
    id: 'grid-computing',
    category: 'cloud',
    names: { en: 'Grid computing', 'zh-cn': '网格计算' },
    aliases: ['computing grid'],
    summary: {
      en: 'Coordinated use of computers that belong to different organisations and sites, joined through standard open protocols, to work on large shared problems such as scientific computations. Unlike a cluster, a grid has no central owner; unlike a cloud, it is usually organised around shared research rather than rented services.',
      'zh-cn': '把分属不同组织、不同地点的计算机通过标准、开放的协议连接起来，协同处理大型共同任务（例如科学计算）的方式。与集群不同，网格没有统一的所有者；与云计算不同，它通常服务于共享的科研资源，而不是按量出租的服务。',
    },
    taxonomy: ['distributed-computing'],
    related: ['distributed-computing', 'cloud-computing', 'utility-computing'],
    sources: [
      {
        title: 'I. Foster, "What is the Grid? A Three Point Checklist"',
        where: 'GRIDToday 1(6), 2002',
      },
    ],
  },
  {
    id: 'distributed-computing',
    category: 'cloud',
    names: { en: 'Distributed computing', 'zh-cn': '分布式计算' },
    aliases: ['distributed system', 'distributed systems', '分布式系统'],
    summary: {
      en: 'Computing done by several networked computers that cooperate by passing messages and appear to their users as one coherent system. It must cope with partial failure, the lack of a shared clock and network delay. A cloud data centre is, underneath, a large distributed system.',
      'zh-cn': '由多台联网计算机通过消息传递协同完成计算，对用户呈现为一个整体系统。它必须应对部分节点失效、没有全局时钟和网络延迟等问题。云数据中心在底层就是一个大型分布式系统。',
    },
    taxonomy: [],
    related: ['parallel-computing', 'grid-computing', 'cloud-computing', 'load-balancing'],
    sources: [
      {
        title: 'A. S. Tanenbaum, M. van Steen, "Distributed Systems: Principles and Paradigms"',
        where: '2nd ed., Pearson, 2007, chapter 1',
      },
    ],
  },
  {
    id: 'parallel-computing',
    category: 'cloud',
    names: { en: 'Parallel computing', 'zh-cn': '并行计算' },
    aliases: ['parallel processing', '并行处理'],
    summary: {
      en: 'Splitting one computation into parts that run at the same time on several processors or cores, to finish sooner or to handle larger problems. It ranges from vector instructions and multicore CPUs to clusters with thousands of nodes.',
      'zh-cn': '把一个计算任务拆成多个部分，在多个处理器或处理器核上同时执行，以便更快完成或处理更大规模的问题。它的范围从向量指令、多核 CPU 一直到拥有成千上万个节点的集群。',
    },
    taxonomy: [],
    related: ['distributed-computing', 'grid-computing'],
    sources: [
      {
        title: 'A. Grama, A. Gupta, G. Karypis, V. Kumar, "Introduction to Parallel Computing"',
        where: '2nd ed., Addison-Wesley, 2003, chapter 1',
      },
    ],
  },
  {
    id: 'utility-computing',
    category: 'cloud',
    names: { en: 'Utility computing', 'zh-cn': '效用计算' },
    aliases: ['公用计算'],
    summary: {
      en: 'The idea of selling computing like electricity or water: customers draw resources when they need them and pay for what they use instead of owning the machines. It is the business model that cloud computing later made practical.',
      'zh-cn': '像供电、供水那样出售计算能力的设想：用户需要时取用资源，按实际用量付费，而不必自己购买和维护机器。云计算后来把这种商业模式真正落地了。',
    },
    taxonomy: ['cloud-computing'],
    related: ['cloud-computing', 'grid-computing'],
    sources: [
      {
        title: 'M. A. Rappa, "The utility business model and the future of computing services"',
        where: 'IBM Systems Journal 43(1), 2004',
        url: 'https://doi.org/10.1147/sj.431.0032',
      },
    ],
  },
  {
    id: 'network-storage',
    category: 'cloud',
    names: { en: 'Network storage', 'zh-cn': '网络存储' },
    aliases: ['networked storage', '网络存储技术'],
    summary: {
      en: 'Storage that servers reach over a network instead of through disks attached to themselves, so that it can be shared, managed centrally and survive the loss of a server. The two main forms are NAS, which serves files, and SAN, which serves blocks. Shared network storage is what lets a virtual machine be live-migrated without copying its disk.',
      'zh-cn': '服务器通过网络而不是本机直连的磁盘访问的存储，因此可以被多台机器共享、集中管理，并且不会因为某台服务器故障而丢失。主要有两种形式：提供文件访问的 NAS 和提供块访问的 SAN。正是共享的网络存储，使得虚拟机热迁移时无需复制磁盘。',
    },
    taxonomy: [],
    related: ['nas', 'san', 'storage-virtualization', 'live-migration'],
    sources: [snia],
  },
  {
    id: 'nas',
    category: 'cloud',
    names: { en: 'Network-attached storage (NAS)', 'zh-cn': '网络附加存储（NAS）' },
    aliases: ['NAS', 'network-attached storage', 'network attached storage', '网络附加存储', '网络附属存储'],
    summary: {
      en: 'A storage device or server that offers files over a network through file-sharing protocols such as NFS or SMB. Clients see directories and files, not disks. A NAS is network storage; it becomes storage virtualization only when it pools several physical devices behind one logical namespace.',
      'zh-cn': '通过 NFS、SMB 等文件共享协议在网络上提供文件访问的存储设备或服务器。客户端看到的是目录和文件，而不是磁盘。NAS 首先是一种网络存储；只有当它把多个物理设备汇聚成一个逻辑命名空间时，才算得上存储虚拟化。',
    },
    taxonomy: ['network-storage'],
    related: ['san', 'network-storage', 'storage-virtualization'],
    sources: [{ ...snia, where: 'entry "network attached storage (NAS)"' }],
  },
  {
    id: 'san',
    category: 'cloud',
    names: { en: 'Storage area network (SAN)', 'zh-cn': '存储区域网络（SAN）' },
    aliases: ['SAN', 'storage area network', '存储区域网络', '存储区域网'],
    summary: {
      en: 'A dedicated network, typically Fibre Channel or iSCSI, that gives servers block-level access to shared storage arrays, so that a remote volume looks like a local disk. Hypervisor clusters often keep their virtual disks on a SAN so that any host can run any VM.',
      'zh-cn': '一种专用网络（通常是光纤通道或 iSCSI），让服务器以块级方式访问共享的存储阵列，远端的卷看起来就像本地磁盘。Hypervisor 集群常把虚拟磁盘放在 SAN 上，这样任何一台宿主机都能运行任何一台虚拟机。',
    },
    taxonomy: ['network-storage'],
    related: ['nas', 'network-storage', 'storage-virtualization'],
    sources: [{ ...snia, where: 'entry "storage area network (SAN)"' }],
  },
  {
    id: 'load-balancing',
    category: 'cloud',
    names: { en: 'Load balancing', 'zh-cn': '负载均衡' },
    aliases: ['load balancer', '负载平衡', '负载均衡器'],
    summary: {
      en: 'Spreading requests or work across several servers so that none is overloaded, and steering traffic away from servers that fail. It is done by dedicated devices, software proxies or DNS, and at the VM level by schedulers that place or migrate virtual machines between hosts.',
      'zh-cn': '把请求或任务分摊到多台服务器上，避免某一台过载，并在服务器故障时把流量转移走。它可以由专用设备、软件代理或 DNS 实现；在虚拟化层面，调度器通过在宿主机之间放置或迁移虚拟机来均衡负载。',
    },
    taxonomy: ['distributed-computing'],
    related: ['distributed-computing', 'live-migration', 'cloud-computing'],
    sources: [
      {
        title: 'V. Cardellini et al., "The state of the art in locally distributed Web-server systems"',
        where: 'ACM Computing Surveys 34(2), 2002',
        url: 'https://doi.org/10.1145/508352.508355',
      },
    ],
  },
  {
    id: 'multi-tenancy',
    category: 'cloud',
    names: { en: 'Multi-tenancy', 'zh-cn': '多租户' },
    aliases: ['multitenancy', 'multi-tenant', '多租户架构'],
    summary: {
      en: 'Serving several customers (tenants) from the same pool of hardware and software while keeping their data and workloads isolated from one another. Hypervisors provide this isolation at the level of whole machines, containers at the level of processes.',
      'zh-cn': '用同一套硬件和软件资源同时服务多个客户（租户），同时保证他们的数据和负载彼此隔离。Hypervisor 在整机层面提供这种隔离，容器则在进程层面提供。',
    },
    taxonomy: ['cloud-computing'],
    related: ['cloud-computing', 'hypervisor', 'container'],
    sources: [{ ...nistCloud, where: 'NIST SP 800-145, section 2, "Resource pooling"' }],
  },
];
