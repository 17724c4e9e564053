/* SPDX-License-Identifier: MIT */
/*
 * Entry of the vscmi guest agent: an arm64 Linux "Image" so Xen loads it as
 * a dom0 or dom0less domU kernel (Documentation/arch/arm64/booting.rst).
 * Entered at EL1, MMU and caches off, x0 = physical address of the DT.
 * The image is linked at 0 as a PIE and relocates itself (R_AARCH64_RELATIVE)
 * wherever Xen placed it.  vCPU1 enters at secondary_entry via PSCI CPU_ON.
 */
#define STACK_SIZE  0x4000

    .section .text.head, "ax"
    .globl _head
_head:
    b       primary_entry           /* code0 */
    .long   0                       /* code1 */
    .quad   0                       /* text_offset */
    .quad   _image_size             /* image_size: load size incl. .bss */
    .quad   0xa                     /* flags: LE, 4K pages, anywhere in RAM */
    .quad   0
    .quad   0
    .quad   0
    .ascii  "ARM\x64"               /* magic at 0x38 */
    .long   0

    .text
primary_entry:
    mov     x21, x0                 /* DT */
    adrp    x19, _head
    add     x19, x19, :lo12:_head   /* load address = link address + x19 */

    /* relocate: *(base + off) = base + addend for every RELATIVE entry */
    adrp    x2, __rela_start
    add     x2, x2, :lo12:__rela_start
    adrp    x3, __rela_end
    add     x3, x3, :lo12:__rela_end
1:  cmp     x2, x3
    b.hs    2f
    ldp     x4, x5, [x2], #16
    ldr     x6, [x2], #8
    cmp     w5, #1027               /* R_AARCH64_RELATIVE */
    b.ne    1b
    add     x6, x6, x19
    str     x6, [x4, x19]
    b       1b

2:  /* zero .bss (8-byte aligned, a multiple of 8) */
    adrp    x2, __bss_start
    add     x2, x2, :lo12:__bss_start
    adrp    x3, __bss_end
    add     x3, x3, :lo12:__bss_end
3:  cmp     x2, x3
    b.hs    4f
    str     xzr, [x2], #8
    b       3b

4:  adrp    x2, stacks
    add     x2, x2, :lo12:stacks
    add     sp, x2, #STACK_SIZE
    bl      set_vectors
    mov     x0, x21
    mov     x1, x19
    bl      agent_main
5:  wfi
    b       5b

    .globl secondary_entry
secondary_entry:
    adrp    x2, stacks
    add     x2, x2, :lo12:stacks
    add     x2, x2, #STACK_SIZE
    add     sp, x2, #STACK_SIZE
    bl      set_vectors
    bl      secondary_main
6:  wfi
    b       6b

set_vectors:
    adrp    x2, vectors
    add     x2, x2, :lo12:vectors
    msr     vbar_el1, x2
    isb
    ret

/* Every exception is unexpected: report it and stop (trap.c). */
    .macro  vec kind
    .balign 0x80
    mov     x0, #\kind
    mrs     x1, esr_el1
    mrs     x2, elr_el1
    mrs     x3, far_el1
    b       agent_exception
    .endm

    .balign 0x800
vectors:
    vec 0
    vec 1
    vec 2
    vec 3
    vec 4
    vec 5
    vec 6
    vec 7
    vec 8
    vec 9
    vec 10
    vec 11
    vec 12
    vec 13
    vec 14
    vec 15

    .bss
    .balign 16
    .globl stacks
stacks:
    .space  2 * STACK_SIZE
