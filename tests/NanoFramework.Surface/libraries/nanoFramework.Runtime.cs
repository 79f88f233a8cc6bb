// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Sources of the facts: nanoframework/nanoFramework.Runtime.Native 1.7.x (GC.cs, Power.cs,
// RebootOption.cs, SystemInfo.cs, ExecutionConstraint.cs) and
// nanoframework/nanoFramework.Runtime.Events, tag v1.11.37 (NativeEventDispatcher.cs,
// BaseEvent.cs, GenericEvent.cs, EventCategory.cs, EventSink.cs, IEventListener.cs,
// IEventProcessor.cs, CustomEvent.cs). A custom event (CustomEvent.CustomEventPosted) is how
// native code signals a completion to managed code.

using System;
using System.Runtime.CompilerServices;

namespace nanoFramework.Runtime.Native
{
    public static class GC
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern uint Run(bool compactHeap);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void EnableGCMessages(bool enable);
    }

    public delegate void RebootEventHandler();

    public class Power
    {
        public static extern event RebootEventHandler OnRebootEvent;

        public static extern void RebootDevice(RebootOption rebootOption = RebootOption.NormalReboot);

        public static extern void RebootDevice(int exeConstraintTimeout, RebootOption rebootOption = RebootOption.NormalReboot);
    }

    public enum RebootOption
    {
        NormalReboot = 0,
        EnterNanoBooter = 1,
        ClrOnly = 2,
        EnterProprietaryBooter = 8,
    }

    // What the running firmware says about itself: the device application reports it.
    public static class SystemInfo
    {
        public static extern Version Version { get; }

        public static extern string TargetName
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public static extern string Platform
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }
    }

    public class ConstraintException : Exception
    {
    }

    public static class ExecutionConstraint
    {
        [MethodImpl(MethodImplOptions.InternalCall)]
        public static extern void Install(int timeoutMilliseconds, int priority);
    }
}

namespace nanoFramework.Runtime.Events
{
    public delegate void NativeEventHandler(uint data1, uint data2, DateTime time);

    public class NativeEventDispatcher : IDisposable
    {
        protected NativeEventHandler threadSpawn;
        protected NativeEventHandler callbacks;
        protected bool disposed;

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern NativeEventDispatcher(string driverName, ulong driverData);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void EnableInterrupt();

        [MethodImpl(MethodImplOptions.InternalCall)]
        public virtual extern void DisableInterrupt();

        [MethodImpl(MethodImplOptions.InternalCall)]
        protected virtual extern void Dispose(bool disposing);

        [MethodImpl(MethodImplOptions.Synchronized)]
        public extern void Dispose();

        public extern event NativeEventHandler OnInterrupt;
    }

    public class BaseEvent
    {
        public ushort Source;
        public byte Message;
    }

    public class GenericEvent : BaseEvent
    {
        public byte Category;
        public uint Data;
        public DateTime Time;
    }

    public enum EventCategory
    {
        Unknown = 0,
        Custom = 10,
        Gpio = 20,
        SerialDevice = 30,
        Network = 40,
        WiFi = 50,
        Can = 60,
        Storage = 70,
        Radio = 80,
        HighResolutionTimer = 90,
        Bluetooth = 100,
        Usb = 110,
        Touch = 120,
        Gesture = 130,
        OpenThread = 140,
        EspNow = 150,
    }

    public interface IEventListener
    {
        void InitializeForEventSource();

        bool OnEvent(BaseEvent ev);
    }

    public interface IEventProcessor
    {
        BaseEvent ProcessEvent(uint data1, uint data2, DateTime time);
    }

    public class EventSink : NativeEventDispatcher
    {
        private extern EventSink();

        public static extern void AddEventListener(EventCategory eventCategory, IEventListener eventListener);

        public static extern void AddEventFilter(EventCategory eventCategory, IEventListener eventFilter);

        public static extern void AddEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor);

        public static extern void RemoveEventListener(EventCategory eventCategory, IEventListener eventListener);

        public static extern void RemoveEventFilter(EventCategory eventCategory, IEventListener eventFilter);

        public static extern void RemoveEventProcessor(EventCategory eventCategory, IEventProcessor eventProcessor);

        public static extern void PostManagedEvent(byte category, byte subCategory, ushort data1, uint data2);
    }

    // What native code's PostManagedEvent(EVENT_CUSTOM, ...) raises in managed code: the
    // completion path of an interop component (hal/ScsiBridge.Hal.Esp32 subscribes to it).
    // Checked against CustomEvent.cs and NativeEventDispatcher.cs of
    // nanoframework/nanoFramework.Runtime.Events (ec7a0a0):
    // Data1 is the ushort the native side posted as data1 (the event processor takes the top 16
    // bits of the packed event word), Data2 its uint data2; the sub-category does not reach
    // managed code.
    public class CustomEventArgs : EventArgs
    {
        internal extern CustomEventArgs(ushort data1, uint data2);

        public extern ushort Data1 { get; }

        public extern uint Data2 { get; }
    }

    public delegate void CustomEventPostedEventHandler(object sender, CustomEventArgs e);

    public static class CustomEvent
    {
        public static extern event CustomEventPostedEventHandler CustomEventPosted;
    }
}
