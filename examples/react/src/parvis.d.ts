/// <reference types="@parvis/widgets/react" />
