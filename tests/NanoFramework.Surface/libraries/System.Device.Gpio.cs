// Declarations of the nanoFramework 1.x API surface the firmware may use; compile-time only.
// Source of the facts: nanoframework/System.Device.Gpio (package nanoFramework.System.Device.Gpio,
// tag v1.1.62),
// System.Device.Gpio/GpioController.cs, GpioPin.cs, PinMode.cs, PinValue.cs,
// PinValueChangedEventArgs.cs, PinEventTypes.cs, PinChangeEventHandler.cs,
// PinNumberingScheme.cs (the last three follow the dotnet/iot API of the same name).

using System.Runtime.CompilerServices;

namespace System.Device.Gpio
{
    public enum PinMode
    {
        Input,
        InputPullDown,
        InputPullUp,
        Output,
        OutputOpenDrain,
        OutputOpenDrainPullUp,
        OutputOpenSource,
        OutputOpenSourcePullDown,
    }

    public enum PinNumberingScheme
    {
        Logical,
        Board,
    }

    [Flags]
    public enum PinEventTypes
    {
        None = 0,
        Rising = 1,
        Falling = 2,
    }

    public readonly struct PinValue
    {
        public static extern PinValue High { get; }

        public static extern PinValue Low { get; }

        public static extern implicit operator PinValue(int value);

        public static extern implicit operator PinValue(bool value);

        public static extern explicit operator byte(PinValue value);

        public static extern explicit operator int(PinValue value);

        public static extern explicit operator bool(PinValue value);

        public extern bool Equals(PinValue other);

        public override extern bool Equals(object obj);

        public override extern int GetHashCode();

        public override extern string ToString();

        public static extern bool operator ==(PinValue a, PinValue b);

        public static extern bool operator !=(PinValue a, PinValue b);
    }

    // A Runtime.Events BaseEvent, as there: GPIO changes arrive through the event sink.
    public class PinValueChangedEventArgs : nanoFramework.Runtime.Events.BaseEvent
    {
        public extern PinValueChangedEventArgs(PinEventTypes changeType, int pinNumber);

        public extern PinEventTypes ChangeType { get; }

        public extern int PinNumber { get; }
    }

    public delegate void PinChangeEventHandler(object sender, PinValueChangedEventArgs pinValueChangedEventArgs);

    public delegate void PinValueChangedEventHandler(object sender, PinValueChangedEventArgs e);

    public sealed class GpioPin : IDisposable
    {
        // Pins are opened through GpioController.OpenPin; the constructor is internal.
        internal extern GpioPin(int pinNumber);

        public extern TimeSpan DebounceTimeout { get; set; }

        public extern int PinNumber { get; }

        public extern PinMode GetPinMode();

        public extern bool IsPinModeSupported(PinMode pinMode);

        public extern void SetPinMode(PinMode value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern PinValue Read();

        public extern void Write(PinValue value);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void Toggle();

        public extern event PinValueChangedEventHandler ValueChanged;

        public extern void Dispose();
    }

    public sealed class GpioController : IDisposable
    {
        public extern GpioController();

        public extern GpioController(PinNumberingScheme numberingScheme);

        public extern PinNumberingScheme NumberingScheme { get; }

        public extern int PinCount
        {
            [MethodImpl(MethodImplOptions.InternalCall)]
            get;
        }

        public extern GpioPin OpenPin(int pinNumber);

        public extern GpioPin OpenPin(int pinNumber, PinMode mode);

        public extern void ClosePin(int pinNumber);

        public extern PinMode GetPinMode(int pinNumber);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool IsPinModeSupported(int pinNumber, PinMode mode);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern bool IsPinOpen(int pinNumber);

        [MethodImpl(MethodImplOptions.InternalCall)]
        public extern void SetPinMode(int pinNumber, PinMode mode);

        public extern PinValue Read(int pinNumber);

        public extern void Write(int pinNumber, PinValue value);

        public extern void RegisterCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback);

        public extern void UnregisterCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback);

        public extern void Dispose();
    }
}
