/*
 * TorchSharp 0.107's libLibTorchSharp.so is linked against GCC 13's libstdc++ and
 * references std::ios_base_library_init() at GLIBCXX_3.4.32. GCC 13 emits that call
 * only to force <iostream> static initialisation, which older libstdc++ builds do
 * from their own constructors, so an empty definition is behaviourally equivalent.
 * eng/LibStdCxxCompat.targets builds this file only on hosts whose libstdc++ lacks
 * GLIBCXX_3.4.32, after rebinding the reference to an unversioned one.
 */
__attribute__((visibility("default"))) void _ZSt21ios_base_library_initv(void)
{
}
