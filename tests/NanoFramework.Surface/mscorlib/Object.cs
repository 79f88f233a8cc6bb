// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Object.cs, ValueType.cs,
// Enum.cs, Type.cs, Runtime*Handle.cs, Array.cs, Delegate.cs, MulticastDelegate.cs.

using System.Collections;
using System.Runtime.CompilerServices;

namespace System
{
    public class Object
    {
        public extern Object();

        public virtual extern string ToString();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern bool Equals(object obj);

        public static extern bool Equals(object objA, object objB);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool ReferenceEquals(object objA, object objB);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern int GetHashCode();

        [MethodImpl(MethodImplOptions.InternalCall)]
        protected extern object MemberwiseClone();

        // GetType() exists only in the reflection build of mscorlib. It is left out on purpose:
        // the firmware must not use reflection (DESIGN.md, nanoFramework rules).
    }

    public abstract class ValueType
    {
    }

    public abstract class Enum : ValueType
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool HasFlag(Enum flag);

        // nanoFramework declares Enum.ToString(), but it yields the number unless reflection
        // metadata is present; the rule checker rejects it for display (NF0010).
    }

    public struct Void
    {
    }

    // Type is kept to what the C# compiler needs for typeof(): everything that reflects over a
    // type (GetMethods, GetFields, Name, FullName, ...) is deliberately absent.
    public abstract class Type
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern Type GetTypeFromHandle(RuntimeTypeHandle handle);
    }

    public struct RuntimeTypeHandle
    {
    }

    public struct RuntimeFieldHandle
    {
    }

    public struct RuntimeMethodHandle
    {
    }

    public abstract class Array : IList
    {
        public static extern void Copy(Array sourceArray, Array destinationArray, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Copy(Array sourceArray, int sourceIndex, Array destinationArray, int destinationIndex, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Clear(Array array, int index, int length);

        public extern object GetValue(int index);

        public extern int Length
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern object SyncRoot { get; }

        public extern bool IsReadOnly { get; }

        public extern bool IsFixedSize { get; }

        public extern bool IsSynchronized { get; }

        public static extern int BinarySearch(Array array, object value, IComparer comparer);

        public static extern int BinarySearch(Array array, int index, int length, object value, IComparer comparer);

        public extern void CopyTo(Array array, int index);

        public extern IEnumerator GetEnumerator();

        public static extern int IndexOf(Array array, object value);

        public static extern int IndexOf(Array array, object value, int startIndex);

        public static extern int IndexOf(Array array, object value, int startIndex, int count);

        extern int ICollection.Count { get; }

        extern object IList.this[int index]
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
            [MethodImpl(MethodImplOptions.InternalCall)]
            set;
        }

        extern int IList.Add(object value);

        extern bool IList.Contains(object value);

        extern void IList.Clear();

        extern int IList.IndexOf(object value);

        extern void IList.Insert(int index, object value);

        extern void IList.Remove(object value);

        extern void IList.RemoveAt(int index);
    }

    // nanoFramework's Delegate defines == and != and Equals, and leaves GetHashCode to the
    // runtime; the pair of warnings that pattern raises is expected here.
#pragma warning disable CS0659, CS0660, CS0661
    public abstract class Delegate
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public override extern bool Equals(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern Delegate Combine(Delegate a, Delegate b);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern Delegate Remove(Delegate source, Delegate value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator ==(Delegate d1, Delegate d2);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator !=(Delegate d1, Delegate d2);
    }

    public abstract class MulticastDelegate : Delegate
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator ==(MulticastDelegate d1, MulticastDelegate d2);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator !=(MulticastDelegate d1, MulticastDelegate d2);
    }
#pragma warning restore CS0659, CS0660, CS0661

    public abstract class MarshalByRefObject
    {
    }
}
