using System.Reflection;

// The native version the interop component's assembly record carries (hal/native/nf-interop,
// ScsiBridge_Hal_Esp32.cpp); nanoFramework's metadata processor requires it to write the stubs.
[assembly: AssemblyNativeVersion("1.0.0.0")]
