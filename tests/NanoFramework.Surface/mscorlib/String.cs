// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/CoreLibrary (mscorlib), System/String.cs. Members marked
// InternalCall are native in nanoFramework; the others have managed bodies there.

using System.Collections;
using System.Runtime.CompilerServices;

namespace System
{
    // nanoFramework's String defines == and != and Equals(object) and leaves GetHashCode to the
    // runtime (CLR_RT_HeapBlock::GetHashCode), so the compiler's pair of warnings is expected.
#pragma warning disable CS0659, CS0660, CS0661
    public sealed class String : IComparable, IEnumerable
    {
        public static readonly string Empty;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern String(char[] value, int startIndex, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern String(char[] value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern String(char c, int count);

        [IndexerName("Chars")]
        public extern char this[int index]
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern int Length
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        // Declared by nanoFramework, but it throws NotSupportedException: iterate with the indexer.
        public extern IEnumerator GetEnumerator();

        public override extern bool Equals(object obj);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool Equals(string a, string b);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator ==(string a, string b);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern bool operator !=(string a, string b);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern char[] ToCharArray();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern char[] ToCharArray(int startIndex, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string[] Split(params char[] separator);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string[] Split(char[] separator, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string Substring(int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string Substring(int startIndex, int length);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string Trim();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string Trim(params char[] trimChars);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string TrimStart(params char[] trimChars);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string TrimEnd(params char[] trimChars);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern int Compare(string strA, string strB);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int CompareTo(object value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int CompareTo(string strB);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(char value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(char value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(char value, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(string value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(string value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOf(string value, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOfAny(char[] anyOf);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOfAny(char[] anyOf, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int IndexOfAny(char[] anyOf, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(char value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(char value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(char value, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(string value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(string value, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOf(string value, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOfAny(char[] anyOf);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOfAny(char[] anyOf, int startIndex);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern int LastIndexOfAny(char[] anyOf, int startIndex, int count);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string ToLower();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern string ToUpper();

        public override extern string ToString();

        public static extern string Concat(object arg0);

        public static extern string Concat(object arg0, object arg1);

        public static extern string Concat(object arg0, object arg1, object arg2);

        public static extern string Concat(params object[] args);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Concat(string str0, string str1);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Concat(string str0, string str1, string str2);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Concat(string str0, string str1, string str2, string str3);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Concat(params string[] values);

        public static extern string Intern(string str);

        public static extern string IsInterned(string str);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern string Format(string format, params object[] args);

        public extern string PadLeft(int totalWidth, char paddingChar = ' ');

        public extern string PadRight(int totalWidth, char paddingChar = ' ');

        public static extern bool IsNullOrEmpty(string value);

        public extern bool Contains(string value);

        public extern bool StartsWith(string value);

        public extern bool EndsWith(string value);
    }
#pragma warning restore CS0659, CS0660, CS0661
}
