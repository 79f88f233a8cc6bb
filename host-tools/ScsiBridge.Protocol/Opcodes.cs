namespace ScsiBridge.Protocol
{
    /// <summary>Operation codes (docs/protocol.md, "Opcodes" and "Events").</summary>
    public static class Opcodes
    {
        public const byte Hello = 0x01;
        public const byte IocInfo = 0x02;
        public const byte Elevate = 0x03;
        public const byte StartDevice = 0x10;
        public const byte StopDevice = 0x11;
        public const byte Halt = 0x12;
        public const byte ResetDevice = 0x13;
        public const byte RegisterEvents = 0x14;
        public const byte Execute = 0x20;
        public const byte Probe = 0x21;
        public const byte Scan = 0x22;
        public const byte TargetOpen = 0x30;
        public const byte TargetClose = 0x31;
        public const byte TargetQueue = 0x32;
        public const byte ImageAttach = 0x33;
        public const byte ImageDetach = 0x34;
        public const byte ImageEject = 0x35;
        public const byte ImageList = 0x36;
        public const byte Statistics = 0x40;
        public const byte SelfTest = 0x41;

        public const byte DeviceEvent = 0x80;
        public const byte TargetData = 0x81;
        public const byte Credit = 0x82;

        public static bool IsRequest(int opcode)
        {
            switch (opcode)
            {
                case Hello: case IocInfo: case Elevate:
                case StartDevice: case StopDevice: case Halt: case ResetDevice: case RegisterEvents:
                case Execute: case Probe: case Scan:
                case TargetOpen: case TargetClose: case TargetQueue: case ImageAttach: case ImageDetach: case ImageEject:
                case ImageList:
                case Statistics:
                case SelfTest:
                    return true;
                default:
                    return false;
            }
        }

        public static string Name(int opcode)
        {
            switch (opcode)
            {
                case Hello: return "HELLO";
                case IocInfo: return "IOCINFO";
                case Elevate: return "ELEVATE";
                case StartDevice: return "START_DEVICE";
                case StopDevice: return "STOP_DEVICE";
                case Halt: return "HALT";
                case ResetDevice: return "RESET_DEVICE";
                case RegisterEvents: return "REGISTER_EVENTS";
                case Execute: return "EXECUTE";
                case Probe: return "PROBE";
                case Scan: return "SCAN";
                case TargetOpen: return "TARGET_OPEN";
                case TargetClose: return "TARGET_CLOSE";
                case TargetQueue: return "TARGET_QUEUE";
                case ImageAttach: return "IMAGE_ATTACH";
                case ImageDetach: return "IMAGE_DETACH";
                case ImageEject: return "IMAGE_EJECT";
                case ImageList: return "IMAGE_LIST";
                case Statistics: return "STATISTICS";
                case SelfTest: return "SELFTEST";
                case DeviceEvent: return "DEVICE_EVENT";
                case TargetData: return "TARGET_DATA";
                case Credit: return "CREDIT";
                default: return "opcode 0x" + opcode.ToString("X2");
            }
        }
    }
}
