// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.Collections (package nanoFramework.System.Collections),
// nanoFramework.System.Collections/Collections/Hashtable.cs, Queue.cs, Stack.cs,
// DictionaryEntry.cs, IDictionary.cs, IDictionaryEnumerator.cs. Only the non-generic types:
// the generic List/Dictionary in newer versions of that repository need the 2.x runtime.

using System.Runtime.CompilerServices;

namespace System.Collections
{
    public class DictionaryEntry
    {
        public object Key;
        public object Value;

        public extern DictionaryEntry(object key, object value);
    }

    public interface IDictionary : ICollection
    {
        bool IsReadOnly { get; }

        bool IsFixedSize { get; }

        ICollection Keys { get; }

        ICollection Values { get; }

        object this[object key] { get; set; }

        void Add(object key, object value);

        void Clear();

        bool Contains(object key);

        void Remove(object key);
    }

    public interface IDictionaryEnumerator : IEnumerator
    {
        object Key { get; }

        object Value { get; }

        DictionaryEntry Entry { get; }
    }

    public class Hashtable : ICloneable, IDictionary
    {
        public extern Hashtable();

        public extern Hashtable(int capacity);

        public extern Hashtable(int capacity, float maxLoadFactor);

        public extern object this[object key] { get; set; }

        public extern int Count { get; }

        public extern bool IsFixedSize { get; }

        public extern bool IsReadOnly { get; }

        public extern bool IsSynchronized { get; }

        public extern object SyncRoot { get; }

        public extern ICollection Keys { get; }

        public extern ICollection Values { get; }

        public extern void Add(object key, object value);

        public extern void Clear();

        public extern object Clone();

        public extern bool Contains(object key);

        public extern void CopyTo(Array array, int index);

        public extern IEnumerator GetEnumerator();

        public extern void Remove(object key);
    }

    public class Queue : ICollection, ICloneable
    {
        public extern Queue();

        public virtual extern int Count { get; }

        public virtual extern bool IsSynchronized { get; }

        public virtual extern object SyncRoot { get; }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Clear();

        public virtual extern object Clone();

        public virtual extern bool Contains(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void CopyTo(Array array, int index);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern object Dequeue();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Enqueue(object obj);

        public virtual extern IEnumerator GetEnumerator();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern object Peek();

        public virtual extern object[] ToArray();
    }

    public class Stack : ICollection, ICloneable
    {
        public extern Stack();

        public virtual extern int Count { get; }

        public virtual extern bool IsSynchronized { get; }

        public virtual extern object SyncRoot { get; }

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Clear();

        public virtual extern object Clone();

        public virtual extern bool Contains(object obj);

        public virtual extern void CopyTo(Array array, int index);

        public virtual extern IEnumerator GetEnumerator();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern object Peek();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern object Pop();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void Push(object obj);

        public virtual extern object[] ToArray();
    }
}
