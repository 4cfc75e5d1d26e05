/// <reference types="@parvis/widgets/vue" />
