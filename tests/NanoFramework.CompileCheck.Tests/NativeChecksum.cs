using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using System.Text;

namespace NanoFramework.CompileCheck.Tests
{
    /// <summary>
    /// The native checksum nanoFramework's metadata processor gives an assembly, computed from
    /// the assembly's metadata: the number an interop component's CLR_RT_NativeAssemblyData must
    /// carry for the nanoCLR to bind it, and the order of its method lookup table.
    ///
    /// The rules, as the processor applies them (nanoframework/metadata-processor:
    /// Tables/nanoTablesContext.cs, Utility/NativeMethodsCrc.cs, Utility/Crc32.cs,
    /// nanoSkeletonGenerator.cs); this is our own implementation of them:
    /// - types in the processor's order: every type but &lt;Module&gt;, sorted by full name, each
    ///   preceded by its declaring type, the interfaces it implements, and the types it names in
    ///   the signatures of the methods its method bodies call (its own and, recursively, theirs);
    /// - for every class or value type (not an enum, interface or delegate, not excluded), its
    ///   methods virtual first, then other instance methods, then static ones, each in metadata
    ///   order; a method without a body (and not abstract) is native;
    /// - a CRC-32 (polynomial 0x04C11DB7, most significant bit first, no reflection, no final
    ///   XOR) runs over, per native method, the assembly name, the class name and the method
    ///   name, and over "NULL" for every other method; until the first native method the running
    ///   value reads as 0 (so the first native method counts only its method name);
    /// - names: class "Namespace_Name" (dots to underscores, a nested type after its declaring
    ///   type's name), method "Name___[STATIC__]RET__P1__P2" with nanoCLR data type names
    ///   (I4, U1, STRING, SZARRAY_U1, BYREF_I4, ...).
    /// </summary>
    public sealed class NativeChecksum
    {
        // Types the processor always leaves out.
        private static readonly string[] DefaultExcluded =
        {
            "ThisAssembly",
            "System.Runtime.CompilerServices.RefSafetyRulesAttribute",
            "System.Runtime.CompilerServices.AccessedThroughPropertyAttribute",
        };

        private readonly MetadataReader _md;
        private readonly string _assemblyName;
        private readonly Dictionary<TypeDefinitionHandle, string> _fullNames = new Dictionary<TypeDefinitionHandle, string>();
        private readonly HashSet<string> _excluded = new HashSet<string>(DefaultExcluded, StringComparer.Ordinal);

        private readonly PEReader _pe;

        private NativeChecksum(PEReader pe)
        {
            _pe = pe;
            MetadataReader md = pe.GetMetadataReader();
            _md = md;
            _assemblyName = md.GetString(md.GetAssemblyDefinition().Name);
            foreach (TypeDefinitionHandle h in md.TypeDefinitions)
            {
                if (HasExcludeTypeAttribute(md.GetTypeDefinition(h))) _excluded.Add(FullName(h));
            }

            OrderedTypes = OrderTypes();
            uint crc = 0;
            int natives = 0;
            var lookup = new List<string>();
            var nativeMethods = new List<string>();
            foreach (TypeDefinitionHandle t in OrderedTypes)
            {
                bool included = IncludeInStub(t) && !IsExcluded(t);
                foreach (MethodDefinitionHandle m in OrderedMethods(t))
                {
                    bool native = included && IsNative(m);
                    if (native)
                    {
                        string className = ClassName(t);
                        string methodName = MethodName(m);
                        uint current = natives > 0 ? crc : 0u;
                        crc = Crc32(Ascii(_assemblyName), current);
                        crc = Crc32(Ascii(className), natives > 0 ? crc : 0u);
                        crc = Crc32(Ascii(methodName), natives > 0 ? crc : 0u);
                        natives++;
                        nativeMethods.Add(className + "::" + methodName);
                    }
                    else if (included)
                    {
                        // Only the methods of classes and value types count, native or not.
                        crc = Crc32(Ascii("NULL"), natives > 0 ? crc : 0u);
                    }

                    if (!IsExcluded(t) || !IncludeInStub(t))
                    {
                        lookup.Add(native ? ClassName(t) + "::" + MethodName(m) : "NULL");
                    }
                }
            }

            Checksum = natives > 0 ? crc : 0u;
            LookupTable = lookup;
            NativeMethods = nativeMethods;
        }

        /// <summary>The checksum (0 when the assembly has no native method).</summary>
        public uint Checksum { get; }

        /// <summary>The method lookup table's entries in order: "Class::Method" for a native
        /// method, "NULL" for every other.</summary>
        public IReadOnlyList<string> LookupTable { get; }

        public IReadOnlyList<string> NativeMethods { get; }

        public IReadOnlyList<TypeDefinitionHandle> OrderedTypes { get; }

        public static NativeChecksum Of(byte[] assembly)
        {
            using var pe = new PEReader(ImmutableArray.Create(assembly));
            return new NativeChecksum(pe);
        }

        public static NativeChecksum Of(string path)
        {
            return Of(File.ReadAllBytes(path));
        }

        /// <summary>The checksum a nanoFramework .pe file's header carries (offset 0x14, after
        /// the marker, the two CRCs and the flags).</summary>
        public static uint FromPeHeader(string pePath)
        {
            byte[] header = new byte[0x18];
            using (FileStream f = File.OpenRead(pePath))
            {
                f.ReadExactly(header, 0, header.Length);
            }

            if (Encoding.ASCII.GetString(header, 0, 6) != "NFMRK1")
            {
                throw new InvalidDataException(pePath + " is not a nanoFramework .pe file (no NFMRK1 marker)");
            }

            return BitConverter.ToUInt32(header, 0x14);
        }

        public static uint Crc32(byte[] data, uint crc)
        {
            foreach (byte b in data)
            {
                crc ^= (uint)b << 24;
                for (int bit = 0; bit < 8; bit++)
                {
                    crc = (crc & 0x80000000u) != 0 ? (crc << 1) ^ 0x04C11DB7u : crc << 1;
                }
            }

            return crc;
        }

        private static byte[] Ascii(string s) => Encoding.ASCII.GetBytes(s);

        // ---- type order ----

        private List<TypeDefinitionHandle> OrderTypes()
        {
            var all = _md.TypeDefinitions.Where(h => FullName(h) != "<Module>").ToList();
            // The processor sorts with .NET's default (culture-sensitive) string comparer.
            var sorted = all.OrderBy(h => FullName(h), StringComparer.Create(CultureInfo.InvariantCulture, false)).ToList();
            var done = new HashSet<string>(StringComparer.Ordinal);
            var order = new List<TypeDefinitionHandle>();
            foreach (TypeDefinitionHandle t in sorted) Visit(t, done, order);
            return order;
        }

        private void Visit(TypeDefinitionHandle t, HashSet<string> done, List<TypeDefinitionHandle> order)
        {
            if (done.Contains(FullName(t))) return;
            TypeDefinition def = _md.GetTypeDefinition(t);
            TypeDefinitionHandle declaring = def.GetDeclaringType();
            if (!declaring.IsNil) Visit(declaring, done, order);
            foreach (InterfaceImplementationHandle ih in def.GetInterfaceImplementations())
            {
                TypeDefinitionHandle own = OwnType(_md.GetInterfaceImplementation(ih).Interface);
                if (!own.IsNil) Visit(own, done, order);
            }

            if (!done.Add(FullName(t))) return;
            foreach (TypeDefinitionHandle used in TypesInCalledSignatures(def))
            {
                Visit(used, done, order);
            }

            order.Add(t);
        }

        // The types of this assembly named by the return and parameter types of every method its
        // method bodies refer to (call, callvirt, newobj, ldftn, ldvirtftn, jmp, ldtoken), in order.
        private IEnumerable<TypeDefinitionHandle> TypesInCalledSignatures(TypeDefinition def)
        {
            foreach (MethodDefinitionHandle mh in def.GetMethods())
            {
                MethodDefinition m = _md.GetMethodDefinition(mh);
                if (m.RelativeVirtualAddress == 0) continue;
                foreach (EntityHandle token in MethodTokens(m))
                {
                    foreach (TypeDefinitionHandle own in SignatureOwnTypes(token))
                    {
                        yield return own;
                    }
                }
            }
        }

        private IEnumerable<TypeDefinitionHandle> SignatureOwnTypes(EntityHandle method)
        {
            var provider = new OwnTypeProvider(this);
            MethodSignature<TypeDefinitionHandle> sig;
            switch (method.Kind)
            {
                case HandleKind.MethodDefinition:
                    sig = _md.GetMethodDefinition((MethodDefinitionHandle)method).DecodeSignature(provider, null);
                    break;
                case HandleKind.MemberReference:
                    MemberReference mr = _md.GetMemberReference((MemberReferenceHandle)method);
                    if (mr.GetKind() != MemberReferenceKind.Method) yield break;
                    sig = mr.DecodeMethodSignature(provider, null);
                    break;
                case HandleKind.MethodSpecification:
                    foreach (TypeDefinitionHandle t in SignatureOwnTypes(_md.GetMethodSpecification((MethodSpecificationHandle)method).Method))
                    {
                        yield return t;
                    }

                    yield break;
                default:
                    yield break;
            }

            if (!sig.ReturnType.IsNil) yield return sig.ReturnType;
            foreach (TypeDefinitionHandle p in sig.ParameterTypes)
            {
                if (!p.IsNil) yield return p;
            }
        }

        private IEnumerable<EntityHandle> MethodTokens(MethodDefinition m)
        {
            var tokens = new List<EntityHandle>();
            MethodBodyBlock body = _pe.GetMethodBody(m.RelativeVirtualAddress);
            BlobReader il = body.GetILReader();
            while (il.RemainingBytes > 0)
            {
                int op = il.ReadByte();
                if (op == 0xFE)
                {
                    int op2 = il.ReadByte();
                    switch (op2)
                    {
                        case 0x06: case 0x07:
                            tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                            break;
                        case 0x09: case 0x0A: case 0x0B: case 0x0C: case 0x0D: case 0x0E:
                            il.Offset += 2;
                            break;
                        case 0x12: case 0x19:
                            il.Offset += 1;
                            break;
                        case 0x15: case 0x16: case 0x1C:
                            il.Offset += 4;
                            break;
                    }

                    continue;
                }

                switch (op)
                {
                    case 0x27: case 0x28: case 0x6F: case 0x73:
                        tokens.Add(MetadataTokens.EntityHandle(il.ReadInt32()));
                        break;
                    case 0xD0:
                        EntityHandle tok = MetadataTokens.EntityHandle(il.ReadInt32());
                        if (tok.Kind == HandleKind.MethodDefinition || tok.Kind == HandleKind.MemberReference || tok.Kind == HandleKind.MethodSpecification)
                        {
                            tokens.Add(tok);
                        }

                        break;
                    case 0x45:
                        int n = il.ReadInt32();
                        il.Offset += 4 * n;
                        break;
                    case 0x21: case 0x23:
                        il.Offset += 8;
                        break;
                    default:
                        il.Offset += OperandSize(op);
                        break;
                }
            }

            return tokens;
        }

        private static int OperandSize(int op)
        {
            if ((op >= 0x0E && op <= 0x13) || op == 0x1F || (op >= 0x2B && op <= 0x37) || op == 0xDE) return 1;
            if (op == 0x20 || op == 0x22 || op == 0x29 || (op >= 0x38 && op <= 0x44) || op == 0xDD) return 4;
            switch (op)
            {
                case 0x70: case 0x71: case 0x72: case 0x74: case 0x75: case 0x79: case 0x7B: case 0x7C: case 0x7D:
                case 0x7E: case 0x7F: case 0x80: case 0x81: case 0x8C: case 0x8D: case 0x8F: case 0xA3: case 0xA4:
                case 0xA5: case 0xC2: case 0xC6:
                    return 4;
                default:
                    return 0;
            }
        }

        /// <summary>Our TypeDef behind an interface, base or signature type, or nil.</summary>
        private TypeDefinitionHandle OwnType(EntityHandle h)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeDefinition:
                    return (TypeDefinitionHandle)h;
                case HandleKind.TypeSpecification:
                    return _md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(new OwnTypeProvider(this), null);
                default:
                    return default;
            }
        }

        private Dictionary<string, TypeDefinitionHandle>? _byName;

        private TypeDefinitionHandle OwnTypeNamed(string fullName)
        {
            _byName ??= _md.TypeDefinitions.ToDictionary(h => FullName(h), h => h, StringComparer.Ordinal);
            return _byName.TryGetValue(fullName, out TypeDefinitionHandle h) ? h : default;
        }

        // Resolves a signature type as the processor's Resolve() does: to the element type's
        // definition (arrays, by-refs, pointers, modifiers), the generic type of an instance, and
        // nothing for generic parameters and types of other assemblies.
        private sealed class OwnTypeProvider : ISignatureTypeProvider<TypeDefinitionHandle, object?>
        {
            private readonly NativeChecksum _c;

            public OwnTypeProvider(NativeChecksum c) => _c = c;

            public TypeDefinitionHandle GetArrayType(TypeDefinitionHandle elementType, ArrayShape shape) => elementType;
            public TypeDefinitionHandle GetByReferenceType(TypeDefinitionHandle elementType) => elementType;
            public TypeDefinitionHandle GetFunctionPointerType(MethodSignature<TypeDefinitionHandle> signature) => default;
            public TypeDefinitionHandle GetGenericInstantiation(TypeDefinitionHandle genericType, ImmutableArray<TypeDefinitionHandle> typeArguments) => genericType;
            public TypeDefinitionHandle GetGenericMethodParameter(object? genericContext, int index) => default;
            public TypeDefinitionHandle GetGenericTypeParameter(object? genericContext, int index) => default;
            public TypeDefinitionHandle GetModifiedType(TypeDefinitionHandle modifier, TypeDefinitionHandle unmodifiedType, bool isRequired) => unmodifiedType;
            public TypeDefinitionHandle GetPinnedType(TypeDefinitionHandle elementType) => elementType;
            public TypeDefinitionHandle GetPointerType(TypeDefinitionHandle elementType) => elementType;
            // In the core library the primitive types are its own definitions.
            public TypeDefinitionHandle GetPrimitiveType(PrimitiveTypeCode typeCode) => _c.OwnTypeNamed("System." + typeCode);
            public TypeDefinitionHandle GetSZArrayType(TypeDefinitionHandle elementType) => elementType;
            public TypeDefinitionHandle GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => handle;
            public TypeDefinitionHandle GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => default;
            public TypeDefinitionHandle GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);
        }

        // ---- what counts ----

        private bool IncludeInStub(TypeDefinitionHandle t)
        {
            TypeDefinition def = _md.GetTypeDefinition(t);
            string baseName = BaseTypeName(def);
            string self = FullName(t);
            if (baseName == "System.MulticastDelegate") return false;
            if (baseName == "System.Delegate" && self != "System.MulticastDelegate") return false;
            if ((def.Attributes & TypeAttributes.Interface) != 0) return false;
            if (baseName == "System.Enum") return false;
            // Classes and value types (System.Enum itself is a class).
            return true;
        }

        private bool IsExcluded(TypeDefinitionHandle t)
        {
            if (_excluded.Contains(FullName(t))) return true;
            TypeDefinitionHandle declaring = _md.GetTypeDefinition(t).GetDeclaringType();
            return !declaring.IsNil && _excluded.Contains(FullName(declaring));
        }

        private bool IsNative(MethodDefinitionHandle m)
        {
            MethodDefinition def = _md.GetMethodDefinition(m);
            return def.RelativeVirtualAddress == 0 && (def.Attributes & MethodAttributes.Abstract) == 0;
        }

        private IEnumerable<MethodDefinitionHandle> OrderedMethods(TypeDefinitionHandle t)
        {
            var methods = _md.GetTypeDefinition(t).GetMethods().ToList();
            MethodAttributes A(MethodDefinitionHandle h) => _md.GetMethodDefinition(h).Attributes;
            foreach (var m in methods.Where(h => (A(h) & MethodAttributes.Virtual) != 0)) yield return m;
            foreach (var m in methods.Where(h => (A(h) & (MethodAttributes.Virtual | MethodAttributes.Static)) == 0)) yield return m;
            foreach (var m in methods.Where(h => (A(h) & MethodAttributes.Static) != 0)) yield return m;
        }

        private bool HasExcludeTypeAttribute(TypeDefinition def)
        {
            foreach (CustomAttributeHandle ch in def.GetCustomAttributes())
            {
                EntityHandle ctor = _md.GetCustomAttribute(ch).Constructor;
                EntityHandle owner = ctor.Kind == HandleKind.MemberReference
                    ? _md.GetMemberReference((MemberReferenceHandle)ctor).Parent
                    : _md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType();
                if (EntityFullName(owner) == "System.Runtime.CompilerServices.ExcludeTypeAttribute") return true;
            }

            return false;
        }

        // ---- names ----

        public string FullName(TypeDefinitionHandle h)
        {
            if (_fullNames.TryGetValue(h, out string? name)) return name;
            TypeDefinition def = _md.GetTypeDefinition(h);
            string own = _md.GetString(def.Name);
            TypeDefinitionHandle declaring = def.GetDeclaringType();
            string ns = _md.GetString(def.Namespace);
            name = !declaring.IsNil ? FullName(declaring) + "/" + own : ns.Length > 0 ? ns + "." + own : own;
            _fullNames[h] = name;
            return name;
        }

        private string TypeRefFullName(TypeReferenceHandle h)
        {
            TypeReference r = _md.GetTypeReference(h);
            string own = _md.GetString(r.Name);
            if (r.ResolutionScope.Kind == HandleKind.TypeReference)
            {
                return TypeRefFullName((TypeReferenceHandle)r.ResolutionScope) + "/" + own;
            }

            string ns = _md.GetString(r.Namespace);
            return ns.Length > 0 ? ns + "." + own : own;
        }

        private string EntityFullName(EntityHandle h)
        {
            switch (h.Kind)
            {
                case HandleKind.TypeDefinition: return FullName((TypeDefinitionHandle)h);
                case HandleKind.TypeReference: return TypeRefFullName((TypeReferenceHandle)h);
                case HandleKind.TypeSpecification:
                    return _md.GetTypeSpecification((TypeSpecificationHandle)h).DecodeSignature(new NameProvider(this), new GenericNames()).Name;
                default: return "";
            }
        }

        private string BaseTypeName(TypeDefinition def) => def.BaseType.IsNil ? "" : EntityFullName(def.BaseType);

        private string ClassName(TypeDefinitionHandle t)
        {
            TypeDefinition def = _md.GetTypeDefinition(t);
            TypeDefinitionHandle declaring = def.GetDeclaringType();
            string outer = declaring.IsNil ? "" : ClassName(declaring);
            string ns = declaring.IsNil ? _md.GetString(def.Namespace) : "";
            return string.Join("_", outer, ns, _md.GetString(def.Name)).Replace(".", "_").TrimStart('_');
        }

        private string MethodName(MethodDefinitionHandle mh)
        {
            MethodDefinition m = _md.GetMethodDefinition(mh);
            var generic = new GenericNames
            {
                TypeParameters = GenericParameterNames(_md.GetTypeDefinition(m.GetDeclaringType()).GetGenericParameters()),
                MethodParameters = GenericParameterNames(m.GetGenericParameters()),
            };
            MethodSignature<SigType> sig = m.DecodeSignature(new NameProvider(this), generic);
            bool isStatic = (m.Attributes & MethodAttributes.Static) != 0;
            var parts = new List<string> { ParameterType(sig.ReturnType) };
            parts.AddRange(sig.ParameterTypes.Select(ParameterType));
            string name = _md.GetString(m.Name) + (isStatic ? "___STATIC__" : "___") + string.Join("__", parts);
            return name.Replace(".", "_").Replace("/", "");
        }

        private string[] GenericParameterNames(GenericParameterHandleCollection handles)
        {
            return handles.Select(h => _md.GetString(_md.GetGenericParameter(h).Name)).ToArray();
        }

        private static string ParameterType(SigType t)
        {
            string name;
            if (t.Kind == SigKind.Array)
            {
                name = "SZARRAY_" + ParameterType(t.Element!);
            }
            else if (t.Kind == SigKind.ByRef)
            {
                SigType e = t.Element!;
                name = "BYREF_" + (e.Kind == SigKind.Array ? "SZARRAY_" + ParameterType(e.Element!) : ClrTypeName(e));
            }
            else
            {
                name = ClrTypeName(t);
            }

            return name.Replace("DATATYPE_", "");
        }

        private static readonly Dictionary<string, string> Primitives = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.Void"] = "VOID", ["System.SByte"] = "I1", ["System.Int16"] = "I2", ["System.Int32"] = "I4",
            ["System.Int64"] = "I8", ["System.Byte"] = "U1", ["System.UInt16"] = "U2", ["System.UInt32"] = "U4",
            ["System.UInt64"] = "U8", ["System.Single"] = "R4", ["System.Double"] = "R8", ["System.Char"] = "CHAR",
            ["System.String"] = "STRING", ["System.Boolean"] = "BOOLEAN", ["System.Object"] = "OBJECT",
            ["System.IntPtr"] = "I4", ["System.UIntPtr"] = "U4", ["System.WeakReference"] = "WEAKCLASS",
        };

        private static string ClrTypeName(SigType t)
        {
            if (Primitives.TryGetValue(t.Name, out string? p)) return "DATATYPE_" + p;
            if (t.Kind == SigKind.GenericParameter) return "DATATYPE_GENERICTYPE";
            return t.Name.Replace(".", string.Empty);
        }

        private enum SigKind
        {
            Named,
            Array,
            ByRef,
            GenericParameter,
            Other,
        }

        /// <summary>A signature type with the full name Mono.Cecil gives it.</summary>
        private sealed class SigType
        {
            public SigType(SigKind kind, string name, SigType? element = null)
            {
                Kind = kind;
                Name = name;
                Element = element;
            }

            public SigKind Kind { get; }
            public string Name { get; }
            public SigType? Element { get; }
        }

        private sealed class GenericNames
        {
            public string[] TypeParameters = Array.Empty<string>();
            public string[] MethodParameters = Array.Empty<string>();
        }

        private sealed class NameProvider : ISignatureTypeProvider<SigType, GenericNames>
        {
            private readonly NativeChecksum _c;

            public NameProvider(NativeChecksum c) => _c = c;

            public SigType GetArrayType(SigType e, ArrayShape shape)
            {
                var dims = Enumerable.Range(0, shape.Rank).Select(i =>
                {
                    int lower = i < shape.LowerBounds.Length ? shape.LowerBounds[i] : 0;
                    return i < shape.Sizes.Length ? lower + "..." + (lower + shape.Sizes[i] - 1) : lower + "...";
                });
                return new SigType(SigKind.Array, e.Name + "[" + string.Join(",", dims) + "]", e);
            }

            public SigType GetByReferenceType(SigType e) => new SigType(SigKind.ByRef, e.Name + "&", e);
            public SigType GetFunctionPointerType(MethodSignature<SigType> signature) => new SigType(SigKind.Other, "method");
            public SigType GetGenericInstantiation(SigType g, ImmutableArray<SigType> args) => new SigType(SigKind.Named, g.Name + "<" + string.Join(",", args.Select(a => a.Name)) + ">");
            public SigType GetGenericMethodParameter(GenericNames ctx, int index) => new SigType(SigKind.GenericParameter, index < ctx.MethodParameters.Length ? ctx.MethodParameters[index] : "!!" + index);
            public SigType GetGenericTypeParameter(GenericNames ctx, int index) => new SigType(SigKind.GenericParameter, index < ctx.TypeParameters.Length ? ctx.TypeParameters[index] : "!" + index);
            public SigType GetModifiedType(SigType modifier, SigType unmodified, bool isRequired) => new SigType(SigKind.Other, unmodified.Name + (isRequired ? " modreq(" : " modopt(") + modifier.Name + ")");
            public SigType GetPinnedType(SigType e) => new SigType(SigKind.Other, e.Name + " pinned");
            public SigType GetPointerType(SigType e) => new SigType(SigKind.Other, e.Name + "*");
            public SigType GetSZArrayType(SigType e) => new SigType(SigKind.Array, e.Name + "[]", e);
            public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => new SigType(SigKind.Named, _c.FullName(handle));
            public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) => new SigType(SigKind.Named, _c.TypeRefFullName(handle));
            public SigType GetTypeFromSpecification(MetadataReader reader, GenericNames ctx, TypeSpecificationHandle handle, byte rawTypeKind)
                => reader.GetTypeSpecification(handle).DecodeSignature(this, ctx);

            public SigType GetPrimitiveType(PrimitiveTypeCode code)
            {
                switch (code)
                {
                    case PrimitiveTypeCode.Void: return Named("System.Void");
                    case PrimitiveTypeCode.Boolean: return Named("System.Boolean");
                    case PrimitiveTypeCode.Char: return Named("System.Char");
                    case PrimitiveTypeCode.SByte: return Named("System.SByte");
                    case PrimitiveTypeCode.Byte: return Named("System.Byte");
                    case PrimitiveTypeCode.Int16: return Named("System.Int16");
                    case PrimitiveTypeCode.UInt16: return Named("System.UInt16");
                    case PrimitiveTypeCode.Int32: return Named("System.Int32");
                    case PrimitiveTypeCode.UInt32: return Named("System.UInt32");
                    case PrimitiveTypeCode.Int64: return Named("System.Int64");
                    case PrimitiveTypeCode.UInt64: return Named("System.UInt64");
                    case PrimitiveTypeCode.Single: return Named("System.Single");
                    case PrimitiveTypeCode.Double: return Named("System.Double");
                    case PrimitiveTypeCode.String: return Named("System.String");
                    case PrimitiveTypeCode.Object: return Named("System.Object");
                    case PrimitiveTypeCode.IntPtr: return Named("System.IntPtr");
                    case PrimitiveTypeCode.UIntPtr: return Named("System.UIntPtr");
                    case PrimitiveTypeCode.TypedReference: return Named("System.TypedReference");
                    default: throw new BadImageFormatException("unknown primitive " + code);
                }
            }

            private static SigType Named(string n) => new SigType(SigKind.Named, n);
        }
    }
}
