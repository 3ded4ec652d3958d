// DeliveryScheduling module
