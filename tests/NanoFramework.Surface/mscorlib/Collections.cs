// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/Collections/IEnumerable.cs,
// IEnumerator.cs, ICollection.cs, IList.cs, IComparer.cs, IEqualityComparer.cs, ArrayList.cs.
// The 1.x mscorlib has no System.Collections.Generic namespace at all.

using System.Runtime.CompilerServices;

namespace System.Collections
{
    public interface IEnumerable
    {
        IEnumerator GetEnumerator();
    }

    public interface IEnumerator
    {
        object Current { get; }

        bool MoveNext();

        void Reset();
    }

    public interface ICollection : IEnumerable
    {
        int Count { get; }

        object SyncRoot { get; }

        bool IsSynchronized { get; }

        void CopyTo(Array array, int index);
    }

    public interface IList : ICollection
    {
        object this[int index] { get; set; }

        int Add(object value);

        bool Contains(object value);

        void Clear();

        bool IsReadOnly { get; }

        bool IsFixedSize { get; }

        int IndexOf(object value);

        void Insert(int index, object value);

        void Remove(object value);

        void RemoveAt(int index);
    }

    public interface IComparer
    {
        int Compare(object x, object y);
    }

    public interface IEqualityComparer
    {
        bool Equals(object x, object y);

        int GetHashCode(object obj);
    }

    public class ArrayList : IList, ICloneable
    {
        public extern ArrayList();

        public virtual extern int Capacity { get; set; }

        public virtual extern int Count { get; }

        public virtual extern bool IsFixedSize { get; }

        public virtual extern bool IsReadOnly { get; }

        public virtual extern bool IsSynchronized { get; }

        public virtual extern object SyncRoot { get; }

        public virtual extern object this[int index]
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
            [MethodImpl(MethodImplOptions.InternalCall)]
            set;
        }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern int Add(object value);

        public virtual extern int BinarySearch(object value, IComparer comparer);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Clear();

        public virtual extern object Clone();

        public virtual extern bool Contains(object value);

        public virtual extern void CopyTo(Array array);

        public virtual extern void CopyTo(Array array, int index);

        public virtual extern IEnumerator GetEnumerator();

        public virtual extern int IndexOf(object value);

        public virtual extern int IndexOf(object value, int startIndex);

        public virtual extern int IndexOf(object value, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Insert(int index, object value);

        public virtual extern void Remove(object value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void RemoveAt(int index);

        public virtual extern object[] ToArray();
    }
}
